import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { stackInstanceSuffix } from '../lib/stack-instance';
import { acknowledge, acknowledgeWildcardResources } from './acknowledge';
import { ManagedPolicyRole } from './managed-policy-role';

/**
 * Lambda's own transient failures, as Step Functions names them: AWS advises retrying these on
 * every Lambda task (the first four), and TooManyRequests is a throttle (no reserved concurrency).
 */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
] as const;

/**
 * Errors a step's function throws (by their `name`) for a passing reason, so a later try may
 * succeed: another render holds the report chain; DynamoDB left a batch unprocessed; an AWS
 * service throttled or failed on its side. Bad input (InvalidInputError), missing data
 * (NotFoundError) and a broken record (IntegrityError) are not here: retrying cannot fix them.
 */
export const TRANSIENT_STEP_ERRORS = [
  'ReportChainBusyError',
  'UnprocessedItemsError',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'SlowDown',
  'TooManyRequestsException',
] as const;

/**
 * What Step Functions reports for a function that timed out or ran out of memory (an unhandled
 * Lambda error): tried once more, as the run may have been slowed by a dependency.
 */
export const UNHANDLED_FUNCTION_ERROR = 'Lambda.Unknown';

export interface MonthEndWorkflowProps {
  readonly rollup: lambda.IFunction;
  readonly render: lambda.IFunction;
  readonly notify: lambda.IFunction;
  /** Renders the quarter's review pack after its last month (and answers `quarter: null` otherwise). */
  readonly review: lambda.IFunction;
  /** Retries of a step that failed with one of TRANSIENT_STEP_ERRORS. */
  readonly retry: { readonly interval: Duration; readonly maxAttempts: number; readonly backoffRate: number };
  /** The execution fails (and alarms) after this long. */
  readonly timeout: Duration;
  /** Encrypts the execution log group. */
  readonly encryptionKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * Month-end as one Step Functions (standard) workflow: rollup → render → notify → review, then a
 * choice: after a quarter's last month (the review step answers with its `quarter`) the quarterly
 * review pack is mailed (notify with `{"quarter": <that quarter>}`); after any other month the
 * execution ends there. The execution input goes to rollup as it is (`{}` for the previous month,
 * or `{"period": "YYYY-MM"}`); each step's output is its function's result, and the next step gets
 * `{"period": <that result's period>}`, so render renders exactly the snapshot rollup stored,
 * notify mails exactly what render published, and review renders the pack of that very month's
 * quarter (the local equivalent is shared/local/month-end.ts). A step that fails for a passing reason is retried with backoff; any other
 * failure fails the execution (alarmed). Every function is idempotent for a period, so a re-run
 * of a month is one more start of the workflow: nothing already done is done twice.
 */
export class MonthEndWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly role: ManagedPolicyRole;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: MonthEndWorkflowProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      // Step Functions adds the log group to the account's CloudWatch Logs resource policy
      // (5,120 characters at most) unless its name starts with /aws/vendedlogs/. The stack
      // instance suffix keeps a retained group from colliding with the next deployment's.
      logGroupName: `/aws/vendedlogs/states/${stack.stackName}-month-end-${stackInstanceSuffix(this)}`,
      encryptionKey: props.encryptionKey,
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Month-end workflow: invokes rollup, render, notify and review, writes its log, traces',
    });

    const periodOfPreviousStep = sfn.TaskInput.fromObject({ period: sfn.JsonPath.stringAt('$.period') });
    const quarterOfReview = sfn.TaskInput.fromObject({ quarter: sfn.JsonPath.stringAt('$.quarter') });
    const afterReview = new sfn.Choice(this, 'QuarterEnd', {
      comment: 'A review pack was rendered: the month was the last of its fiscal quarter',
    })
      .when(
        sfn.Condition.and(sfn.Condition.isPresent('$.quarter'), sfn.Condition.isString('$.quarter')),
        this.step('NotifyReview', props.notify, quarterOfReview, props),
      )
      .otherwise(
        new sfn.Succeed(this, 'NotQuarterEnd', { comment: 'Not the last month of a quarter: no pack' }),
      );
    const definition = this.step('Rollup', props.rollup, sfn.TaskInput.fromJsonPathAt('$'), props)
      .next(this.step('Render', props.render, periodOfPreviousStep, props))
      .next(this.step('Notify', props.notify, periodOfPreviousStep, props))
      .next(this.step('Review', props.review, periodOfPreviousStep, props))
      .next(afterReview);

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment:
        'strategy-report month-end: rollup → render → notify → review (→ notify the review pack after a quarter’s last month), one period',
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      timeout: props.timeout,
      role: this.role,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    this.acknowledgeServiceWildcards([props.rollup, props.render, props.notify, props.review]);
  }

  /**
   * One Lambda step: the optimized integration, its output reduced to the function's result
   * (`$.Payload`), with explicit retriers (CDK's default retrier is replaced so every retried
   * error is listed here, in the order Step Functions tries them).
   */
  private step(
    id: string,
    fn: lambda.IFunction,
    payload: sfn.TaskInput,
    props: MonthEndWorkflowProps,
  ): tasks.LambdaInvoke {
    const task = new tasks.LambdaInvoke(this, id, {
      lambdaFunction: fn,
      payload,
      outputPath: '$.Payload',
      retryOnServiceExceptions: false,
    });
    task.addRetry({
      errors: [...LAMBDA_SERVICE_ERRORS],
      interval: Duration.seconds(2),
      maxAttempts: 6,
      backoffRate: 2,
    });
    task.addRetry({
      errors: [...TRANSIENT_STEP_ERRORS],
      interval: props.retry.interval,
      maxAttempts: props.retry.maxAttempts,
      backoffRate: props.retry.backoffRate,
      jitterStrategy: sfn.JitterType.FULL,
    });
    task.addRetry({ errors: [UNHANDLED_FUNCTION_ERROR], interval: Duration.minutes(1), maxAttempts: 1 });
    return task;
  }

  private acknowledgeServiceWildcards(functions: readonly lambda.IFunction[]): void {
    acknowledgeWildcardResources(
      this.role.policy,
      functions.map((fn) => `${fn.functionArn}:*`),
      'The workflow invokes rollup, render, notify and review, including their versions and aliases (the ":*" qualifier Step Functions’ Lambda integration requires), and no other function.',
    );
    acknowledge(this.role.policy, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and CloudWatch Logs log delivery (logs:CreateLogDelivery and its kin) support no resource-level permissions: AWS requires Resource "*" for them.',
    });
  }
}
