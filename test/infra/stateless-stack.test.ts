import { Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VISIBILITY_TIMEOUT_FACTOR } from '../../infra/constructs/ingest-pipeline';
import { FUNCTION_RUNTIME } from '../../infra/constructs/project-function';
import { FUNCTION_NAMES, type FunctionName } from '../../infra/lib/function-entries';
import { ENVIRONMENT_VARIABLES } from '../../shared/config/function-environment';
import { parseProductConfig } from '../../shared/config/product-config';
import { type SynthesizedStage, synthesizeStages } from '../support/synthesized-app';
import {
  allowStatements,
  type CfnResource,
  identityPolicies,
  resourcesOfType,
  statementsOf,
} from '../support/template-queries';

let dev: SynthesizedStage;
let prod: SynthesizedStage;
let dispose: () => void;

beforeAll(() => {
  // Synthesis runs cdk-nag's AwsSolutions and NIST 800-53 rev 5 packs and throws, naming each
  // one, on any finding not acknowledged: every test below also stands for "nag-clean".
  ({ dev, prod, dispose } = synthesizeStages());
});
afterAll(() => dispose());

const logicalIdOf = (stage: SynthesizedStage, name: FunctionName) =>
  stage.stacks.stateless.getLogicalId(
    stage.stacks.stateless.functions[name].function.node.defaultChild as never,
  );

const functionResource = (stage: SynthesizedStage, name: FunctionName): CfnResource => {
  const resource = resourcesOfType(stage.stateless, 'AWS::Lambda::Function')[logicalIdOf(stage, name)];
  if (!resource) throw new Error(`no function ${name}`);
  return resource;
};

const policyOf = (stage: SynthesizedStage, name: FunctionName) => {
  const role = stage.stacks.stateless.getLogicalId(
    stage.stacks.stateless.functions[name].role.node.defaultChild as never,
  );
  const [policy] = Object.values(resourcesOfType(stage.stateless, 'AWS::IAM::ManagedPolicy')).filter(
    (candidate) => JSON.stringify(candidate.Properties.Roles) === JSON.stringify([{ Ref: role }]),
  );
  if (!policy) throw new Error(`no policy for ${name}`);
  return statementsOf(policy);
};

const importOf = (stage: SynthesizedStage, what: string) => ({
  'Fn::ImportValue': `StrategyReport-${stage.config.stage}-${what}`,
});

describe('every function', () => {
  it('runs on the newest Node.js runtime aws-cdk-lib offers', () => {
    const versions = Object.getOwnPropertyNames(lambda.Runtime)
      .map((name) => /^NODEJS_(\d+)_X$/.exec(name)?.[1])
      .filter((version): version is string => version !== undefined)
      .map(Number);
    expect(FUNCTION_RUNTIME.name).toBe(`nodejs${Math.max(...versions)}.x`);
  });

  it('has the runtime defaults: arm64, tracing, an encrypted log group with retention, bounded concurrency', () => {
    for (const name of FUNCTION_NAMES) {
      const fn = functionResource(dev, name).Properties;
      expect(fn.Runtime).toBe(FUNCTION_RUNTIME.name);
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.ReservedConcurrentExecutions).toBeGreaterThanOrEqual(1);
      const logGroup = resourcesOfType(dev.stateless, 'AWS::Logs::LogGroup')[fn.LoggingConfig.LogGroup.Ref];
      expect(logGroup?.Properties.RetentionInDays).toBe(dev.config.retention.logDays);
      expect(logGroup?.Properties.KmsKeyId).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^OperationsKey/), 'Arn'],
      });
    }
  });

  it('keeps logs in production and drops them with the stack elsewhere', () => {
    prod.stateless.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    dev.stateless.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
  });

  it('gets exactly the environment its bindings set, with the product config its own schema accepts', () => {
    const expected: Record<FunctionName, string[]> = {
      ingest: ['tableName', 'uploadsBucket', 'sesConfigurationSet'],
      rollup: ['tableName', 'reportsBucket'],
      render: ['tableName', 'reportsBucket'],
      notify: ['tableName', 'reportsBucket', 'sesConfigurationSet'],
      remind: ['tableName', 'sesConfigurationSet'],
      intake: ['tableName', 'uploadsBucket', 'sesConfigurationSet'],
      resend: ['tableName', 'uploadsBucket', 'sesConfigurationSet'],
    };
    for (const name of FUNCTION_NAMES) {
      const variables = functionResource(dev, name).Properties.Environment.Variables;
      expect(Object.keys(variables).sort()).toEqual(
        [
          'NODE_OPTIONS',
          ENVIRONMENT_VARIABLES.productConfig,
          ...expected[name].map(
            (setting) => ENVIRONMENT_VARIABLES[setting as keyof typeof ENVIRONMENT_VARIABLES],
          ),
        ].sort(),
      );
      expect(parseProductConfig(JSON.parse(variables[ENVIRONMENT_VARIABLES.productConfig]))).toEqual(
        dev.config.product,
      );
      if (variables.TABLE_NAME) expect(variables.TABLE_NAME).toEqual(importOf(dev, 'TableName'));
    }
  });
});

describe('ingest', () => {
  it('takes S3 events for everything under uploads/ (a misnamed file is answered too) into its queue', () => {
    const queue = dev.stacks.stateless.getLogicalId(
      dev.stacks.stateless.ingestPipeline.queue.node.defaultChild as never,
    );
    dev.stateless.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: importOf(dev, 'UploadsBucketName'),
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } },
            QueueArn: { 'Fn::GetAtt': [queue, 'Arn'] },
          },
        ],
      },
    });
  });

  it('has an encrypted queue whose visibility timeout is at least six times the function timeout, with a redrive to a DLQ', () => {
    const stack = dev.stacks.stateless;
    const queue = resourcesOfType(dev.stateless, 'AWS::SQS::Queue')[
      stack.getLogicalId(stack.ingestPipeline.queue.node.defaultChild as never)
    ];
    const timeout = functionResource(dev, 'ingest').Properties.Timeout;
    expect(VISIBILITY_TIMEOUT_FACTOR).toBeGreaterThanOrEqual(6);
    expect(queue?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
    expect(queue?.Properties.KmsMasterKeyId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^OperationsKey/), 'Arn'],
    });
    expect(queue?.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: {
        'Fn::GetAtt': [
          stack.getLogicalId(stack.ingestPipeline.deadLetterQueue.node.defaultChild as never),
          'Arn',
        ],
      },
      maxReceiveCount: dev.config.ingest.maxReceiveCount,
    });
  });

  it('reports failures per message and runs at most maxConcurrency at once', () => {
    dev.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalIdOf(dev, 'ingest') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: dev.config.ingest.batchSize,
      ScalingConfig: { MaximumConcurrency: dev.config.ingest.maxConcurrency },
    });
    expect(functionResource(dev, 'ingest').Properties.ReservedConcurrentExecutions).toBe(
      dev.config.ingest.maxConcurrency,
    );
  });
});

describe('every queue', () => {
  it('is KMS-encrypted and refuses requests without TLS', () => {
    const queues = resourcesOfType(dev.stateless, 'AWS::SQS::Queue');
    // ingest and intake with their DLQs, five scheduled-function DLQs
    expect(Object.keys(queues)).toHaveLength(9);
    for (const queue of Object.values(queues)) {
      expect(queue.Properties.KmsMasterKeyId).toBeDefined();
    }
    for (const logicalId of Object.keys(queues)) {
      dev.stateless.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('schedules', () => {
  const scheduled = ['rollup', 'render', 'notify', 'remind'] as const;

  it('run the scheduled functions in the configured time zone, staggered on the report day, remind daily', () => {
    const { schedules, product } = prod.config;
    const cron = (time: string, day: string) => {
      const [hour, minute] = time.split(':').map(Number);
      return `cron(${minute} ${hour} ${day} * ? *)`;
    };
    const expected = {
      rollup: cron(schedules.rollupTime, String(schedules.reportDay)),
      render: cron(schedules.renderTime, String(schedules.reportDay)),
      notify: cron(schedules.notifyTime, String(schedules.reportDay)),
      remind: cron(schedules.remindTime, '*'),
    };
    for (const name of scheduled) {
      prod.stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: expected[name],
        ScheduleExpressionTimezone: product.timeZone,
        Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf(prod, name), 'Arn'] }, Input: '{}' }),
      });
    }
  });

  it('retry, and put what still fails in a dead-letter queue, both in Scheduler and in Lambda', () => {
    const { schedules } = dev.config;
    for (const name of scheduled) {
      const fn = functionResource(dev, name).Properties;
      dev.stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
        Target: Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalIdOf(dev, name), 'Arn'] },
          RetryPolicy: {
            MaximumRetryAttempts: schedules.retryAttempts,
            MaximumEventAgeInSeconds: schedules.maxEventAgeMinutes * 60,
          },
          DeadLetterConfig: { Arn: fn.DeadLetterConfig.TargetArn },
        }),
      });
      dev.stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalIdOf(dev, name) },
        MaximumRetryAttempts: schedules.retryAttempts,
      });
    }
  });

  it('invoke through a role only this account’s schedule group can assume, allowed to invoke only these functions', () => {
    dev.stateless.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': dev.config.account,
                'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^SchedulesGroup'), 'Arn'] },
              },
            },
          }),
        ],
      },
    });
  });
});

describe('mail', () => {
  it('sends through a configuration set that requires TLS and publishes bounces and complaints to CloudWatch', () => {
    dev.stateless.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    dev.stateless.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        CloudWatchDestination: {
          DimensionConfigurations: [Match.objectLike({ DimensionName: 'ses:configuration-set' })],
        },
      }),
    });
  });

  it('has the sender identity, and in a sandbox stage an identity per recipient to verify', () => {
    dev.stateless.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: dev.config.product.mail.sender,
    });
    for (const address of dev.config.product.mail.leadership) {
      dev.stateless.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: address });
    }
    prod.stateless.resourceCountIs('AWS::SES::EmailIdentity', 1);
    prod.stateless.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: prod.config.mail.identity.kind === 'domain' ? prod.config.mail.identity.domain : '',
    });
  });
});

describe('alarms', () => {
  const topic = () => ({ Ref: Match.stringLikeRegexp('^MonitoringAlarmTopic') });

  it('cover every failure path: each DLQ, each function’s errors and throttles, the oldest upload, bounces, complaints', () => {
    const alarms = Object.values(resourcesOfType(dev.stateless, 'AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties,
    );
    const count = (metric: string) => alarms.filter((alarm) => alarm.MetricName === metric).length;
    expect(count('ApproximateNumberOfMessagesVisible')).toBe(7);
    expect(count('Errors')).toBe(FUNCTION_NAMES.length);
    expect(count('Throttles')).toBe(FUNCTION_NAMES.length);
    expect(
      alarms
        .filter((alarm) => alarm.MetricName === 'ApproximateAgeOfOldestMessage')
        .map((alarm) => alarm.Threshold),
    ).toEqual([
      dev.config.ingest.oldestMessageAlarmMinutes * 60,
      dev.config.intake.oldestMessageAlarmMinutes * 60,
    ]);
    for (const metric of ['Bounce', 'Complaint']) {
      dev.stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SES',
        MetricName: metric,
        Dimensions: [
          { Name: 'ses:configuration-set', Value: { Ref: Match.stringLikeRegexp('^MailConfigurationSet') } },
        ],
      });
    }
  });

  it('each notify the encrypted, TLS-only alarm topic, which mails the operator', () => {
    dev.stateless.allResourcesProperties('AWS::CloudWatch::Alarm', {
      ActionsEnabled: Match.absent(),
      AlarmActions: [topic()],
      OKActions: [topic()],
      TreatMissingData: 'notBreaching',
    });
    dev.stateless.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OperationsKey'), 'Arn'] },
    });
    dev.stateless.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ],
      },
    });
    dev.stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: dev.config.alarmEmail,
    });
    dev.stateless.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } }),
        ]),
      },
    });
  });

  it('are shown with the pipeline’s metrics on a dashboard', () => {
    dev.stateless.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('least privilege', () => {
  const everyStatement = (stage: SynthesizedStage) =>
    [stage.stateful, stage.stateless].flatMap((template) =>
      Object.values(identityPolicies(template)).flatMap(statementsOf),
    );

  it('no identity policy allows a wildcard action, or Resource "*" except for X-Ray (which has no resource-level permissions)', () => {
    for (const stage of [dev, prod]) {
      for (const statement of allowStatements(everyStatement(stage))) {
        for (const action of statement.actions) expect(action).not.toContain('*');
        if (statement.resources.includes('*')) {
          expect(statement.actions.sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
        }
      }
    }
  });

  it('every grant on data names its bucket prefix, table or key', () => {
    for (const statement of allowStatements(everyStatement(dev))) {
      if (statement.actions.some((action) => /^(s3|dynamodb|kms):/.test(action))) {
        expect(statement.resources).not.toContain('*');
        for (const resource of statement.resources) {
          // Never a whole bucket's objects (`<bucket>/*`): always a named prefix.
          expect(JSON.stringify(resource)).not.toMatch(/"\/\*"\]\]\}$/);
        }
      }
    }
  });

  const access = (name: FunctionName) => {
    const statements = allowStatements(policyOf(dev, name));
    const on = (pattern: RegExp) =>
      statements
        .filter((statement) => statement.actions.some((action) => pattern.test(action)))
        .map((statement) => ({
          actions: statement.actions.filter((action) => pattern.test(action)).sort(),
          resources: JSON.stringify(statement.resources),
        }));
    return { s3: on(/^s3:/), table: on(/^dynamodb:/), ses: on(/^ses:/) };
  };

  it('ingest reads uploads/, writes annotated/, reads and writes the table, sends mail', () => {
    const { s3, table, ses } = access('ingest');
    expect(s3).toEqual([
      {
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: expect.stringContaining('UploadsBucketArn"},"/uploads/*"'),
      },
      { actions: ['s3:ListBucket'], resources: expect.stringContaining('UploadsBucketArn') },
      {
        actions: ['s3:AbortMultipartUpload', 's3:PutObject'],
        resources: expect.stringContaining('"/annotated/*"'),
      },
    ]);
    expect(table[0]?.actions).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(table[0]?.resources).toContain('"/index/gsi1"');
    expect(ses).toHaveLength(1);
  });

  it('rollup reads and writes snapshots/ only; render reads both and writes reports/; notify only reads', () => {
    // "<action> <prefix>" for every object grant (statements on the same prefix may be merged).
    const objects = (name: FunctionName) =>
      access(name)
        .s3.flatMap((grant) =>
          [...grant.resources.matchAll(/"\/([a-z]+)\/\*"/g)].flatMap((prefix) =>
            grant.actions.map((action) => `${action} ${prefix[1]}/`),
          ),
        )
        .sort();
    const reads = (prefix: string) => [`s3:GetObject ${prefix}`, `s3:GetObjectVersion ${prefix}`];
    const writes = (prefix: string) => [`s3:AbortMultipartUpload ${prefix}`, `s3:PutObject ${prefix}`];
    expect(objects('rollup')).toEqual([...writes('snapshots/'), ...reads('snapshots/')].sort());
    expect(objects('render')).toEqual(
      [...writes('reports/'), ...reads('reports/'), ...reads('snapshots/')].sort(),
    );
    expect(objects('notify')).toEqual([...reads('reports/'), ...reads('snapshots/')].sort());
    expect(access('rollup').ses).toEqual([]);
    expect(access('render').ses).toEqual([]);
    expect(access('notify').ses).toHaveLength(1);
  });

  it('remind touches no bucket, records its reminders in the table and sends mail', () => {
    const { s3, table, ses } = access('remind');
    expect(s3).toEqual([]);
    expect(table.map((grant) => grant.actions)).toEqual([
      [
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ],
    ]);
    expect(ses).toHaveLength(1);
  });

  it('mail goes only from the configured sender, through the configuration set', () => {
    const send = allowStatements(policyOf(dev, 'notify')).find((statement) =>
      statement.actions.includes('ses:SendEmail'),
    );
    expect(send?.condition).toEqual({ StringEquals: { 'ses:FromAddress': dev.config.product.mail.sender } });
    expect(JSON.stringify(send?.resources)).toContain(':configuration-set/');
    expect(JSON.stringify(send?.resources)).toContain(':identity/');
  });

  it('the data key is used only through S3, DynamoDB or SQS', () => {
    for (const name of FUNCTION_NAMES) {
      for (const statement of allowStatements(policyOf(dev, name))) {
        if (JSON.stringify(statement.resources).includes('DataKeyArn')) {
          expect(JSON.stringify(statement.condition)).toMatch(/kms:ViaService.*(s3|dynamodb)\./);
        }
      }
    }
  });

  it('no function or role uses an inline policy: every grant lives in a customer-managed policy', () => {
    const inline = Object.keys(resourcesOfType(dev.stateless, 'AWS::IAM::Policy'));
    // The one inline policy is CDK's own, on its bucket-notifications deployment handler.
    expect(inline).toEqual([expect.stringMatching(/^UploadsBucketNotificationsHandlerPolicy/)]);
  });
});
