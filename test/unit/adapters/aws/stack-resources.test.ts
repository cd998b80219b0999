import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveStackResources } from '../../../../shared/adapters/aws/stack-resources';
import { InvalidInputError } from '../../../../shared/domain/errors';

const cloudformation = new CloudFormationClient({ region: 'us-east-1' });
const mock = mockClient(CloudFormationClient);

describe('resolveStackResources', () => {
  beforeEach(() => mock.reset());

  it('maps the stateful stack outputs to resource names', async () => {
    mock.on(DescribeStacksCommand, { StackName: 'StrategyReport-prod-Stateful' }).resolves({
      Stacks: [
        {
          StackName: 'StrategyReport-prod-Stateful',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: [
            { OutputKey: 'TableName', OutputValue: 'table-abc' },
            { OutputKey: 'UploadsBucketName', OutputValue: 'uploads-abc' },
            { OutputKey: 'ReportsBucketName', OutputValue: 'reports-abc' },
          ],
        },
      ],
    });
    expect(await resolveStackResources(cloudformation, 'StrategyReport-prod-Stateful')).toEqual({
      tableName: 'table-abc',
      buckets: { uploads: 'uploads-abc', reports: 'reports-abc' },
    });
  });

  it('says when the stack does not exist (invalid input, exit 2)', async () => {
    mock.on(DescribeStacksCommand).rejects(
      new CloudFormationServiceException({
        name: 'ValidationError',
        $fault: 'client',
        message: 'Stack with id Nope does not exist',
        $metadata: {},
      }),
    );
    const error = await resolveStackResources(cloudformation, 'Nope').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe(
      'stack Nope was not found in this account and region [stack.exists]',
    );
  });

  it('names the missing output', async () => {
    mock.on(DescribeStacksCommand).resolves({
      Stacks: [{ StackName: 'Other', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [] }],
    });
    await expect(resolveStackResources(cloudformation, 'Other')).rejects.toThrow(
      'stack Other has no output TableName: is it the strategy-report stateful stack? [stack.outputs]',
    );
  });

  it('refuses a stack name that is not one, without calling AWS', async () => {
    await expect(resolveStackResources(cloudformation, '../etc')).rejects.toThrow('[stack.name]');
    expect(mock.calls()).toHaveLength(0);
  });

  it('passes throttling on', async () => {
    mock.on(DescribeStacksCommand).rejects(
      new CloudFormationServiceException({
        name: 'Throttling',
        $fault: 'client',
        message: 'Rate exceeded',
        $metadata: {},
      }),
    );
    await expect(resolveStackResources(cloudformation, 'S')).rejects.toThrow('Rate exceeded');
  });
});
