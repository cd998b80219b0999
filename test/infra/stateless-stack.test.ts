import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VISIBILITY_TIMEOUT_FACTOR } from '../../infra/constructs/ingest-pipeline';
import { LAMBDA_SERVICE_ERRORS, TRANSIENT_STEP_ERRORS } from '../../infra/constructs/month-end-workflow';
import { FUNCTION_RUNTIME } from '../../infra/constructs/project-function';
import { FUNCTION_ENTRIES, FUNCTION_NAMES, type FunctionName } from '../../infra/lib/function-entries';
import { REPOSITORY_ROOT } from '../../infra/lib/repository-root';
import { RUNBOOK, RUNBOOK_FILE } from '../../infra/lib/runbook';
import { UnprocessedItemsError } from '../../shared/adapters/dynamodb/batch-write';
import { ENVIRONMENT_VARIABLES } from '../../shared/config/function-environment';
import { parseProductConfig } from '../../shared/config/product-config';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../shared/config/service-identity';
import { IntegrityError, InvalidInputError, NotFoundError } from '../../shared/domain/errors';
import { BUSINESS_METRICS } from '../../shared/ports/business-metrics';
import { STATELESS_STACK_OUTPUTS } from '../../shared/storage/stack-outputs';
import { ReportChainBusyError } from '../../shared/use-cases/report-chain-hold';
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

const policyOfRole = (stage: SynthesizedStage, role: string) => {
  const [policy] = Object.values(resourcesOfType(stage.stateless, 'AWS::IAM::ManagedPolicy')).filter(
    (candidate) => JSON.stringify(candidate.Properties.Roles) === JSON.stringify([{ Ref: role }]),
  );
  if (!policy) throw new Error(`no policy for ${role}`);
  return statementsOf(policy);
};

const policyOf = (stage: SynthesizedStage, name: FunctionName) =>
  policyOfRole(
    stage,
    stage.stacks.stateless.getLogicalId(
      stage.stacks.stateless.functions[name].role.node.defaultChild as never,
    ),
  );

const stateMachineLogicalId = (stage: SynthesizedStage) =>
  stage.stacks.stateless.getLogicalId(
    stage.stacks.stateless.monthEnd.stateMachine.node.defaultChild as never,
  );

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

  it('has the runtime defaults: arm64, tracing, an encrypted log group with retention', () => {
    for (const name of FUNCTION_NAMES) {
      const fn = functionResource(dev, name).Properties;
      expect(fn.Runtime).toBe(FUNCTION_RUNTIME.name);
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
      const logGroup = resourcesOfType(dev.stateless, 'AWS::Logs::LogGroup')[fn.LoggingConfig.LogGroup.Ref];
      expect(logGroup?.Properties.RetentionInDays).toBe(dev.config.retention.logDays);
      expect(logGroup?.Properties.KmsKeyId).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^OperationsKey/), 'Arn'],
      });
    }
  });

  it('reserves no concurrency by default: a new account has none to reserve (the stage opts in)', () => {
    for (const stage of [dev, prod]) {
      for (const name of FUNCTION_NAMES) {
        expect(functionResource(stage, name).Properties.ReservedConcurrentExecutions, name).toBeUndefined();
      }
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

  it('names its queue in the output the CLI reads to replay unanswered uploads (reconcile --replay)', () => {
    const stack = dev.stacks.stateless;
    const queue = stack.getLogicalId(stack.ingestPipeline.queue.node.defaultChild as never);
    dev.stateless.hasOutput(STATELESS_STACK_OUTPUTS.ingestQueueUrl, { Value: { Ref: queue } });
  });

  it('reports failures per message and runs at most maxConcurrency at once, bounded by its event source', () => {
    dev.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalIdOf(dev, 'ingest') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: dev.config.ingest.batchSize,
      ScalingConfig: { MaximumConcurrency: dev.config.ingest.maxConcurrency },
    });
  });
});

describe('every queue', () => {
  it('is KMS-encrypted and refuses requests without TLS', () => {
    const queues = resourcesOfType(dev.stateless, 'AWS::SQS::Queue');
    // ingest and intake with their DLQs, the three schedules' DLQs (month-end, remind, resend)
    expect(Object.keys(queues)).toHaveLength(7);
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
  const cron = (time: string, day: string) => {
    const [hour, minute] = time.split(':').map(Number);
    return `cron(${minute} ${hour} ${day} * ? *)`;
  };

  it('start the month-end workflow once on the report day, remind daily and resend every few minutes, in the configured time zone, with {}', () => {
    const { schedules, product } = prod.config;
    prod.stateless.resourceCountIs('AWS::Scheduler::Schedule', 3);
    prod.stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: `rate(${prod.config.intake.resendEveryMinutes} minutes)`,
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf(prod, 'resend'), 'Arn'] }, Input: '{}' }),
    });
    prod.stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: cron(schedules.reportTime, String(schedules.reportDay)),
      ScheduleExpressionTimezone: product.timeZone,
      Target: Match.objectLike({ Arn: { Ref: stateMachineLogicalId(prod) }, Input: '{}' }),
    });
    prod.stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: cron(schedules.remindTime, '*'),
      ScheduleExpressionTimezone: product.timeZone,
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf(prod, 'remind'), 'Arn'] }, Input: '{}' }),
    });
  });

  it('retry, and put what still fails in a dead-letter queue; remind’s failed runs land there too', () => {
    const { schedules } = dev.config;
    const retryPolicy = {
      MaximumRetryAttempts: schedules.retryAttempts,
      MaximumEventAgeInSeconds: schedules.maxEventAgeMinutes * 60,
    };
    const remind = functionResource(dev, 'remind').Properties;
    dev.stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [logicalIdOf(dev, 'remind'), 'Arn'] },
        RetryPolicy: retryPolicy,
        DeadLetterConfig: { Arn: remind.DeadLetterConfig.TargetArn },
      }),
    });
    dev.stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(dev, 'remind') },
      MaximumRetryAttempts: schedules.retryAttempts,
    });
    dev.stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        Arn: { Ref: stateMachineLogicalId(dev) },
        RetryPolicy: retryPolicy,
        DeadLetterConfig: {
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MonthEndScheduleDeadLetters'), 'Arn'] },
        },
      }),
    });
  });

  it('start through a role only this account’s schedule group can assume, allowed to start only these two targets', () => {
    const role = dev.stacks.stateless.getLogicalId(
      dev.stacks.stateless.schedules.role.node.defaultChild as never,
    );
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
    const grants = allowStatements(policyOfRole(dev, role)).map((statement) => ({
      actions: statement.actions,
      resources: JSON.stringify(statement.resources),
    }));
    expect(grants.find((grant) => grant.actions.includes('states:StartExecution'))).toEqual({
      actions: ['states:StartExecution'],
      resources: JSON.stringify([{ Ref: stateMachineLogicalId(dev) }]),
    });
    const invoke = grants.find((grant) => grant.actions.includes('lambda:InvokeFunction'));
    expect(invoke?.resources).toContain(logicalIdOf(dev, 'remind'));
    for (const other of ['rollup', 'render', 'notify', 'ingest'] as const) {
      expect(invoke?.resources).not.toContain(logicalIdOf(dev, other));
    }
  });

  it('live in a group deleted with the stack: a redeploy after a destroy creates it again instead of colliding', () => {
    dev.stateless.hasResource('AWS::Scheduler::ScheduleGroup', { DeletionPolicy: 'Delete' });
    prod.stateless.hasResource('AWS::Scheduler::ScheduleGroup', { DeletionPolicy: 'Delete' });
  });
});

describe('the month-end workflow', () => {
  type State = {
    Type: string;
    Next?: string;
    End?: boolean;
    Resource: unknown;
    Parameters: Record<string, unknown>;
    OutputPath?: string;
    Retry: { ErrorEquals: string[]; IntervalSeconds: number; MaxAttempts: number; BackoffRate?: number }[];
  };
  const definitionOf = (stage: SynthesizedStage) => {
    const machine = resourcesOfType(stage.stateless, 'AWS::StepFunctions::StateMachine')[
      stateMachineLogicalId(stage)
    ];
    const parts = machine?.Properties.DefinitionString['Fn::Join'][1] as unknown[];
    // Tokens (function ARNs, the partition) become their logical ids, so the JSON parses.
    const text = parts
      .map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/"/g, "'")}>`))
      .join('');
    return JSON.parse(text) as { StartAt: string; States: Record<string, State>; TimeoutSeconds: number };
  };

  it('chains rollup → render → notify: the input goes to rollup, each next step gets the period of the one before', () => {
    const definition = definitionOf(dev);
    expect(definition.StartAt).toBe('Rollup');
    const { Rollup, Render, Notify } = definition.States;
    expect([Rollup?.Next, Render?.Next, Notify?.End]).toEqual(['Render', 'Notify', true]);
    const invoked = (state: State | undefined) => String(state?.Parameters.FunctionName);
    expect(invoked(Rollup)).toContain(logicalIdOf(dev, 'rollup'));
    expect(invoked(Render)).toContain(logicalIdOf(dev, 'render'));
    expect(invoked(Notify)).toContain(logicalIdOf(dev, 'notify'));
    expect(Rollup?.Parameters['Payload.$']).toBe('$');
    for (const state of [Render, Notify])
      expect(state?.Parameters.Payload).toEqual({ 'period.$': '$.period' });
    // Each step's output is its function's result, so `$.period` is what rollup answered.
    for (const state of [Rollup, Render, Notify]) {
      expect(state?.Resource).toMatch(/:states:::lambda:invoke$/);
      expect(state?.OutputPath).toBe('$.Payload');
    }
    expect(definition.TimeoutSeconds).toBe(dev.config.monthEnd.timeoutMinutes * 60);
  });

  it('retries each step with backoff on Lambda service errors and passing failures, never on bad input or missing data', () => {
    const { retry } = dev.config.monthEnd;
    for (const state of Object.values(definitionOf(dev).States)) {
      expect(state.Retry).toEqual([
        { ErrorEquals: [...LAMBDA_SERVICE_ERRORS], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 },
        {
          ErrorEquals: [...TRANSIENT_STEP_ERRORS],
          IntervalSeconds: retry.intervalSeconds,
          MaxAttempts: retry.maxAttempts,
          BackoffRate: retry.backoffRate,
          JitterStrategy: 'FULL',
        },
        { ErrorEquals: ['Lambda.Unknown'], IntervalSeconds: 60, MaxAttempts: 1 },
      ]);
      const retried = state.Retry.flatMap((retrier) => retrier.ErrorEquals);
      for (const never of [
        'InvalidInputError',
        'NotFoundError',
        'IntegrityError',
        'States.ALL',
        'States.TaskFailed',
      ]) {
        expect(retried).not.toContain(never);
      }
    }
  });

  it('retries the errors the functions really throw for passing reasons, by the names they carry', () => {
    const thrown = [new ReportChainBusyError('held'), new UnprocessedItemsError(1)].map(
      (error) => error.name,
    );
    expect(TRANSIENT_STEP_ERRORS).toEqual(expect.arrayContaining(thrown));
    const notRetried = [
      new InvalidInputError({ rule: 'x', message: 'x' }),
      new NotFoundError('x'),
      new IntegrityError('x'),
    ].map((error) => error.name);
    for (const name of notRetried)
      expect([...TRANSIENT_STEP_ERRORS, ...LAMBDA_SERVICE_ERRORS]).not.toContain(name);
  });

  it('is a standard workflow, traced, logging every event with its data to an encrypted vended-logs group', () => {
    const machine = resourcesOfType(dev.stateless, 'AWS::StepFunctions::StateMachine')[
      stateMachineLogicalId(dev)
    ];
    expect(machine?.Properties.StateMachineType).toBe('STANDARD');
    expect(machine?.Properties.TracingConfiguration).toEqual({ Enabled: true });
    const logging = machine?.Properties.LoggingConfiguration;
    expect(logging.Level).toBe('ALL');
    expect(logging.IncludeExecutionData).toBe(true);
    const logGroup = resourcesOfType(dev.stateless, 'AWS::Logs::LogGroup')[
      logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0]
    ];
    expect(logGroup?.Properties.KmsKeyId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^OperationsKey/), 'Arn'],
    });
    expect(JSON.stringify(logGroup?.Properties.LogGroupName)).toContain('/aws/vendedlogs/states/');
    // Named, so it carries the stack instance: a kept production group cannot collide with the next.
    expect(JSON.stringify(logGroup?.Properties.LogGroupName)).toContain('AWS::StackId');
  });

  it('runs with a role that may invoke rollup, render and notify and nothing else', () => {
    const role = dev.stacks.stateless.getLogicalId(
      dev.stacks.stateless.monthEnd.role.node.defaultChild as never,
    );
    const statements = allowStatements(policyOfRole(dev, role));
    const invoke = statements.filter((statement) =>
      statement.actions.some((action) => action.startsWith('lambda:')),
    );
    expect(invoke.flatMap((statement) => statement.actions)).toEqual(['lambda:InvokeFunction']);
    const invoked = JSON.stringify(invoke.flatMap((statement) => statement.resources));
    for (const name of ['rollup', 'render', 'notify'] as const)
      expect(invoked).toContain(logicalIdOf(dev, name));
    for (const name of ['ingest', 'remind'] as const) expect(invoked).not.toContain(logicalIdOf(dev, name));
    for (const statement of statements.filter((s) => s.resources.includes('*'))) {
      for (const action of statement.actions) expect(action).toMatch(/^(xray|logs):/);
    }
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

  it('cover every failure path: each DLQ, the workflow, errors and throttles, the oldest upload, bounces, complaints', () => {
    const alarms = Object.values(resourcesOfType(dev.stateless, 'AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties,
    );
    const count = (metric: string) => alarms.filter((alarm) => alarm.MetricName === metric).length;
    // ingest, intake, month-end schedule, remind, resend
    expect(count('ApproximateNumberOfMessagesVisible')).toBe(5);
    // The month-end steps' errors are retried by the workflow; its failure alarm carries the
    // error that was not. Ingest and remind have no such wrapper.
    const errorAlarms = alarms.filter((alarm) => alarm.MetricName === 'Errors');
    expect(errorAlarms.map((alarm) => alarm.Dimensions[0].Value.Ref).sort()).toEqual(
      (['ingest', 'remind', 'intake', 'resend'] as const).map((name) => logicalIdOf(dev, name)).sort(),
    );
    expect(count('Throttles')).toBe(FUNCTION_NAMES.length);
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      dev.stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/States',
        MetricName: metric,
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: stateMachineLogicalId(dev) } }],
        Threshold: 1,
      });
    }
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
    // A topic policy replaces SNS's default one: it must both refuse plain HTTP and let
    // CloudWatch publish, for this account's alarms only, or every alarm stays silent.
    const alarmsOfThisAccount = `arn:aws:cloudwatch:${dev.config.region}:${dev.config.account}:alarm:*`;
    dev.stateless.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topic()],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topic(),
            Condition: {
              ArnLike: { 'aws:SourceArn': alarmsOfThisAccount },
              StringEquals: { 'aws:SourceAccount': dev.config.account },
            },
          }),
        ]),
      },
    });
    const topicPolicy = Object.values(resourcesOfType(dev.stateless, 'AWS::SNS::TopicPolicy')).find(
      (policy) => /^MonitoringAlarmTopic/.test(policy.Properties.Topics[0]?.Ref ?? ''),
    );
    const allows = statementsOf(topicPolicy as CfnResource).filter((s) => s.effect === 'Allow');
    expect(allows).toHaveLength(1);
    dev.stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: dev.config.alarmEmail,
    });
    // The topic is encrypted: CloudWatch also needs the key, for the same alarms.
    dev.stateless.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: {
              ArnLike: { 'aws:SourceArn': alarmsOfThisAccount },
              StringEquals: { 'aws:SourceAccount': dev.config.account },
            },
          }),
        ]),
      },
    });
  });

  it('each name their runbook entry, a heading that exists in docs/operations.md', () => {
    const runbook = readFileSync(join(REPOSITORY_ROOT, RUNBOOK_FILE), 'utf8');
    // The anchor a Markdown renderer (GitHub's) gives a heading: lower case, punctuation dropped.
    const anchors = new Set(
      [...runbook.matchAll(/^#{2,4} (.+)$/gm)].map((heading) =>
        (heading[1] as string)
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    for (const stage of [dev, prod]) {
      for (const alarm of Object.values(resourcesOfType(stage.stateless, 'AWS::CloudWatch::Alarm'))) {
        const link = /Runbook: docs\/operations\.md#([a-z0-9-]+)$/.exec(alarm.Properties.AlarmDescription);
        expect(link, alarm.Properties.AlarmDescription).not.toBeNull();
        expect(anchors.has(link?.[1] ?? ''), `${link?.[1]} in ${RUNBOOK_FILE}`).toBe(true);
      }
    }
  });

  it('are handled with commands that look every name up by an output the stacks really have', () => {
    const runbook = readFileSync(join(REPOSITORY_ROOT, RUNBOOK_FILE), 'utf8');
    const outputsOf = (template: Template) => Object.keys(template.toJSON().Outputs ?? {});
    const used = (helper: string) =>
      [...runbook.matchAll(new RegExp(`\\$\\(${helper} (\\w+)\\)`, 'g'))].map((m) => m[1]);
    expect(used('out').length).toBeGreaterThan(10);
    for (const key of used('out')) expect(outputsOf(prod.stateless), key).toContain(key);
    for (const key of used('data')) expect(outputsOf(prod.stateful), key).toContain(key);
  });

  it('are shown with the pipeline’s metrics on a dashboard', () => {
    dev.stateless.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('draw a dashboard row for every business metric, as the functions publish it (namespace and service)', () => {
    const [dashboard] = Object.values(resourcesOfType(dev.stateless, 'AWS::CloudWatch::Dashboard'));
    if (!dashboard) throw new Error('no dashboard');
    // The body is a join of text and tokens (region, names): the tokens stand in as a placeholder.
    const parts = (dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    const body = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('')) as {
      widgets: { width: number; properties: { title?: string; metrics?: unknown[][] } }[];
    };
    for (const metric of Object.values(BUSINESS_METRICS)) {
      const rows = body.widgets.filter((widget) =>
        widget.properties.metrics?.some(
          (line) =>
            JSON.stringify(line.slice(0, 4)) ===
            JSON.stringify([METRICS_NAMESPACE, metric, 'service', SERVICE_NAME]),
        ),
      );
      expect(
        rows.map((row) => row.width),
        metric,
      ).toEqual([24]);
    }
  });

  it('alarm on any e-mail that failed and on any stored object that failed its integrity check', () => {
    for (const [metric, runbook] of [
      [BUSINESS_METRICS.emailsFailed, RUNBOOK.emailsFailed],
      [BUSINESS_METRICS.verifyFailures, RUNBOOK.verifyFailures],
    ] as const)
      dev.stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: METRICS_NAMESPACE,
        MetricName: metric,
        Dimensions: [{ Name: 'service', Value: SERVICE_NAME }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmDescription: Match.stringLikeRegexp(`Runbook: docs/operations\\.md#${runbook}$`),
      });
    const business = Object.values(resourcesOfType(dev.stateless, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties.Namespace === METRICS_NAMESPACE,
    );
    expect(business.map((alarm) => alarm.Properties.MetricName).sort()).toEqual([
      'EmailsFailed',
      'VerifyFailures',
    ]);
  });
});

describe('least privilege', () => {
  const everyStatement = (stage: SynthesizedStage) =>
    [stage.stateful, stage.stateless].flatMap((template) =>
      Object.values(identityPolicies(template)).flatMap(statementsOf),
    );

  it('no identity policy allows a wildcard action, or Resource "*" except for X-Ray and log delivery (which have no resource-level permissions)', () => {
    // What Step Functions needs to trace and to deliver its execution log (AWS documents "*").
    const workflowServiceActions = [
      'logs:CreateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:DescribeLogGroups',
      'logs:DescribeResourcePolicies',
      'logs:GetLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:UpdateLogDelivery',
      'xray:GetSamplingRules',
      'xray:GetSamplingTargets',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ];
    for (const stage of [dev, prod]) {
      for (const statement of allowStatements(everyStatement(stage))) {
        for (const action of statement.actions) expect(action).not.toContain('*');
        if (statement.resources.includes('*')) {
          expect([
            ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
            workflowServiceActions,
          ]).toContainEqual(statement.actions.sort());
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
    expect(table[0]?.resources).toContain('"/index/gsi1"');
    expect(ses).toHaveLength(1);
  });

  it('each function gets exactly the table actions its entry declares; only notify and remind may DeleteItem', () => {
    for (const name of FUNCTION_NAMES) {
      const { table } = access(name);
      expect(table, name).toHaveLength(1);
      expect(table[0]?.actions, name).toEqual(
        FUNCTION_ENTRIES[name].access.table.map((action) => `dynamodb:${action}`).sort(),
      );
    }
    const deleters = FUNCTION_NAMES.filter((name) =>
      access(name).table[0]?.actions.includes('dynamodb:DeleteItem'),
    );
    expect(deleters).toEqual(['notify', 'remind']);
    // Only ingest writes rows in batches; nobody may use PartiQL or transactions by another name.
    expect(
      FUNCTION_NAMES.filter((name) => access(name).table[0]?.actions.includes('dynamodb:BatchWriteItem')),
    ).toEqual(['ingest']);
  });

  it('s3:ListBucket is limited to the prefixes a function reads (and still lets S3 answer 404 for a missing key)', () => {
    for (const name of FUNCTION_NAMES) {
      const list = allowStatements(policyOf(dev, name)).filter((statement) =>
        statement.actions.includes('s3:ListBucket'),
      );
      const declared = [FUNCTION_ENTRIES[name].access.uploads, FUNCTION_ENTRIES[name].access.reports].filter(
        (bucket) => bucket?.read !== undefined,
      );
      expect(list, name).toHaveLength(declared.length);
      for (const [index, statement] of list.entries()) {
        expect(statement.condition).toEqual({
          StringLikeIfExists: { 's3:prefix': (declared[index]?.read ?? []).map((prefix) => `${prefix}*`) },
        });
      }
    }
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
    expect(table).toHaveLength(1);
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
