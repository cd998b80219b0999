import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { InvalidInputError } from '../../domain/errors';
import type { ResourceNames } from '../../storage/resource-names';
import { STACK_OUTPUTS } from '../../storage/stack-outputs';

/** Reads a deployed stateful stack's outputs: the physical names of its table and buckets. */
export async function resolveStackResources(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<ResourceNames> {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
    throw new InvalidInputError({
      rule: 'stack.name',
      message: `"${stackName}" is not a CloudFormation stack name`,
    });
  }
  let outputs: Map<string, string>;
  try {
    const result = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = result.Stacks?.[0];
    if (!stack) throw new Error('no stack');
    outputs = new Map(
      (stack.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']),
    );
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/does not exist|no stack/i.test(message)) {
      throw new InvalidInputError({
        rule: 'stack.exists',
        message: `stack ${stackName} was not found in this account and region`,
      });
    }
    throw error;
  }
  const read = (key: string) => {
    const value = outputs.get(key);
    if (!value) {
      throw new InvalidInputError({
        rule: 'stack.outputs',
        message: `stack ${stackName} has no output ${key}: is it the strategy-report stateful stack?`,
      });
    }
    return value;
  };
  return {
    tableName: read(STACK_OUTPUTS.tableName),
    buckets: {
      uploads: read(STACK_OUTPUTS.uploadsBucket),
      reports: read(STACK_OUTPUTS.reportsBucket),
    },
  };
}
