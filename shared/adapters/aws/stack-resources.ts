import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { InvalidInputError } from '../../domain/errors';
import type { ResourceNames } from '../../storage/resource-names';
import { STACK_OUTPUTS, STATELESS_STACK_OUTPUTS } from '../../storage/stack-outputs';

/** A deployed stack's outputs: `read(key)` gives one, or says plainly that the stack has none by that key. */
export async function stackOutputs(
  cloudformation: CloudFormationClient,
  stackName: string,
  expected: string,
): Promise<{ read(key: string): string }> {
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
  return {
    read(key: string) {
      const value = outputs.get(key);
      if (!value) {
        throw new InvalidInputError({
          rule: 'stack.outputs',
          message: `stack ${stackName} has no output ${key}: is it the strategy-report ${expected} stack?`,
        });
      }
      return value;
    },
  };
}

/** Reads a deployed stateful stack's outputs: the physical names of its table and buckets. */
export async function resolveStackResources(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<ResourceNames> {
  const outputs = await stackOutputs(cloudformation, stackName, 'stateful');
  return {
    tableName: outputs.read(STACK_OUTPUTS.tableName),
    buckets: {
      uploads: outputs.read(STACK_OUTPUTS.uploadsBucket),
      reports: outputs.read(STACK_OUTPUTS.reportsBucket),
    },
  };
}

/** The ingest queue's URL, from a deployed stateless stack's outputs. */
export async function resolveIngestQueueUrl(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<string> {
  const outputs = await stackOutputs(cloudformation, stackName, 'stateless');
  return outputs.read(STATELESS_STACK_OUTPUTS.ingestQueueUrl);
}
