import { CfnOutput, Duration, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../shared/config/service-identity';
import { STATELESS_STACK_OUTPUTS } from '../../shared/storage/stack-outputs';
import type { StageConfig } from '../config/stage-config';
import { acknowledge } from '../constructs/acknowledge';
import { DeadLetterQueue } from '../constructs/dead-letter-queue';
import { EncryptionKey } from '../constructs/encryption-key';
import { bindAccess, bindProductConfig, type DataResources } from '../constructs/function-bindings';
import { IngestPipeline } from '../constructs/ingest-pipeline';
import { MailIntake } from '../constructs/mail-intake';
import { MailSending } from '../constructs/mail-sending';
import { Monitoring } from '../constructs/monitoring';
import { MonthEndWorkflow } from '../constructs/month-end-workflow';
import { ProjectFunction, type ProjectFunctionProps } from '../constructs/project-function';
import { type ScheduleOptions, Schedules } from '../constructs/schedules';
import { BUSINESS_METRIC_ROWS } from '../lib/business-metric-rows';
import { FUNCTION_ENTRIES, type FunctionName } from '../lib/function-entries';
import { intakeRuleSetName, mxRecordValue } from '../lib/mail-receiving';
import { removalPolicyFor } from '../lib/removal-policy';
import { RUNBOOK } from '../lib/runbook';
import type { StatefulExports } from '../lib/stack-names';

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
  /** Export names of the stateful stack's key, table and buckets. */
  readonly imports: StatefulExports;
}

const clock = (time: string) => {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { hour, minute };
};

const pascal = (name: string) => `${name[0]?.toUpperCase()}${name.slice(1)}`;

/**
 * The code and everything that only moves data: the five functions, the ingest queue, the
 * month-end workflow, the schedules, SES sending, alarms and the dashboard. It can be destroyed
 * and redeployed at any time without losing a record (nothing it keeps on delete has a fixed
 * name); it reaches the data only through the stateful stack's exports.
 */
export class StatelessStack extends Stack {
  readonly functions: Readonly<Record<FunctionName, ProjectFunction>>;
  readonly ingestPipeline: IngestPipeline;
  readonly monthEnd: MonthEndWorkflow;
  readonly schedules: Schedules;
  readonly mail: MailSending;
  readonly mailIntake: MailIntake;
  readonly monitoring: Monitoring;
  /** The schedules' dead-letter queues, by schedule (docs/operations.md replays them). */
  readonly scheduleDeadLetters = new Map<string, sqs.IQueue>();
  private readonly config: StageConfig;
  private readonly data: DataResources;
  private readonly operationsKey: kms.IKey;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;
    // Messages, alarms and logs are encrypted with a key of this stack: they are operational,
    // transient data, and the data key's policy stays free of the services that handle them.
    // Kept in production (its log groups are), scheduled for deletion with the stack elsewhere.
    this.operationsKey = new EncryptionKey(this, 'OperationsKey', {
      description: 'strategy-report operations: queues, dead letters, the alarm topic and logs',
      forLogGroups: true,
      forAlarmTopics: true,
      removalPolicy: removalPolicyFor(config),
    }).key;
    this.monitoring = new Monitoring(this, 'Monitoring', {
      encryptionKey: this.operationsKey,
      alarmEmail: config.alarmEmail,
      metricsNamespace: METRICS_NAMESPACE,
    });
    this.mail = new MailSending(this, 'Mail', {
      sender: config.product.mail.sender,
      receivingAddress: config.product.mail.intakeAddress,
      identity: config.mail.identity,
      recipientsToVerify: config.mail.verifyRecipients
        ? [...config.product.mail.leadership, ...Object.values(config.product.mail.officeContacts)]
        : [],
    });
    this.data = this.importStatefulData(props.imports);
    this.schedules = new Schedules(this, 'Schedules', {
      timeZone: config.product.timeZone,
      encryptionKey: this.operationsKey,
    });

    const ingest = this.addIngest();
    this.ingestPipeline = ingest.pipeline;
    const monthEnd = this.addMonthEnd();
    this.monthEnd = monthEnd.workflow;
    const remind = this.addRemind();
    const intake = this.addIntake();
    this.mailIntake = intake.receiving;
    const resend = this.addResend();
    this.functions = { ingest: ingest.fn, ...monthEnd.steps, remind, intake: intake.fn, resend };

    this.monitoring.watchMail(this.mail.configurationSet.configurationSetName);
    for (const row of Object.values(BUSINESS_METRIC_ROWS)) this.monitoring.watchBusinessMetric(row);
    this.monitoring.addAlarmStatus();
    this.addOutputs();
  }

  /** The data key, table and buckets, by the stateful stack's export names. */
  private importStatefulData(imports: StatefulExports): DataResources {
    const key = kms.Key.fromKeyArn(this, 'DataKey', Fn.importValue(imports.dataKeyArn));
    const bucket = (id: string, name: string, arn: string) =>
      s3.Bucket.fromBucketAttributes(this, id, {
        bucketName: Fn.importValue(name),
        bucketArn: Fn.importValue(arn),
        encryptionKey: key,
      });
    return {
      key,
      table: { tableName: Fn.importValue(imports.tableName), tableArn: Fn.importValue(imports.tableArn) },
      buckets: {
        uploads: bucket('UploadsBucket', imports.uploadsBucketName, imports.uploadsBucketArn),
        reports: bucket('ReportsBucket', imports.reportsBucketName, imports.reportsBucketArn),
      },
      mail: this.mail,
    };
  }

  /**
   * A function from its entry, sized by the stage, granted its declared access, watched. Without
   * reserved concurrency, `boundedBy` says what bounds it instead.
   */
  private projectFunction(
    name: FunctionName,
    options: { readonly boundedBy: string; readonly alarmOnErrors: boolean } & Pick<
      ProjectFunctionProps,
      'asynchronousFailures'
    >,
  ): ProjectFunction {
    const entry = FUNCTION_ENTRIES[name];
    const sizing = this.config.functions[name];
    const fn = new ProjectFunction(this, pascal(name), {
      entry: entry.entry,
      description: entry.description,
      memorySize: sizing.memoryMb,
      timeout: Duration.seconds(sizing.timeoutSeconds),
      concurrency:
        sizing.reservedConcurrency === undefined
          ? { boundedBy: options.boundedBy }
          : { reserved: sizing.reservedConcurrency },
      encryptionKey: this.operationsKey,
      logRetention: this.config.retention.logDays as logs.RetentionDays,
      logRemovalPolicy: removalPolicyFor(this.config),
      ...(entry.bundling ? { bundling: entry.bundling } : {}),
      ...(options.asynchronousFailures ? { asynchronousFailures: options.asynchronousFailures } : {}),
    });
    bindProductConfig(fn, this.config.product);
    bindAccess(fn, entry.access, this.data);
    this.monitoring.watchFunction(fn.node.id, fn.function, { alarmOnErrors: options.alarmOnErrors });
    return fn;
  }

  /** Upload → S3 event → SQS → ingest, at most `maxConcurrency` at once. */
  private addIngest(): { fn: ProjectFunction; pipeline: IngestPipeline } {
    const settings = this.config.ingest;
    const fn = this.projectFunction('ingest', {
      boundedBy: `Its SQS event source runs at most ingest.maxConcurrency (${settings.maxConcurrency}) invocations at once.`,
      alarmOnErrors: true,
    });
    acknowledge(fn.function, {
      id: 'NIST.800.53.R5-LambdaDLQ',
      reason:
        'ingest is invoked synchronously by its SQS event source; a failed message returns to the queue and, after maxReceiveCount deliveries, moves to the queue’s dead-letter queue (alarmed). A function-level DLQ applies only to asynchronous invocations.',
    });
    const pipeline = new IngestPipeline(this, 'IngestPipeline', {
      uploadsBucket: this.data.buckets.uploads,
      encryptionKey: this.operationsKey,
      ingest: fn,
      ingestTimeout: Duration.seconds(this.config.functions.ingest.timeoutSeconds),
      batchSize: settings.batchSize,
      maxBatchingWindow: Duration.seconds(settings.maxBatchingWindowSeconds),
      maxConcurrency: settings.maxConcurrency,
      maxReceiveCount: settings.maxReceiveCount,
    });
    this.monitoring.watchQueue(
      'Ingest',
      pipeline.queue,
      Duration.minutes(settings.oldestMessageAlarmMinutes),
    );
    this.monitoring.watchDeadLetterQueue('Ingest', pipeline.deadLetterQueue, RUNBOOK.ingestDeadLetters);
    return { fn, pipeline };
  }

  /** rollup → render → notify as one workflow, started on the report day. */
  private addMonthEnd(): {
    workflow: MonthEndWorkflow;
    steps: Record<'rollup' | 'render' | 'notify', ProjectFunction>;
  } {
    const step = (name: 'rollup' | 'render' | 'notify') => {
      const fn = this.projectFunction(name, {
        boundedBy:
          'Only the month-end workflow invokes it, once per execution, and an execution runs on the report day or when an operator re-runs a month.',
        alarmOnErrors: false,
      });
      acknowledge(fn.function, {
        id: 'NIST.800.53.R5-LambdaDLQ',
        reason:
          'The month-end workflow invokes this function synchronously and retries it; a failure that remains fails the execution, which is alarmed and keeps the input and error in its history. A function-level DLQ applies only to asynchronous invocations.',
      });
      return fn;
    };
    const steps = { rollup: step('rollup'), render: step('render'), notify: step('notify') };
    const { monthEnd } = this.config;
    const workflow = new MonthEndWorkflow(this, 'MonthEnd', {
      rollup: steps.rollup.function,
      render: steps.render.function,
      notify: steps.notify.function,
      retry: {
        interval: Duration.seconds(monthEnd.retry.intervalSeconds),
        maxAttempts: monthEnd.retry.maxAttempts,
        backoffRate: monthEnd.retry.backoffRate,
      },
      timeout: Duration.minutes(monthEnd.timeoutMinutes),
      encryptionKey: this.operationsKey,
      logRetention: this.config.retention.logDays as logs.RetentionDays,
      logRemovalPolicy: removalPolicyFor(this.config),
    });
    const { schedules } = this.config;
    this.schedules.startExecution('MonthEnd', workflow.stateMachine, {
      at: { ...clock(schedules.reportTime), day: schedules.reportDay },
      description: 'Month-end: roll up, render and mail the previous month’s report',
      ...this.scheduleDelivery('MonthEndSchedule'),
    });
    this.monitoring.watchWorkflow('MonthEnd', workflow.stateMachine);
    return { workflow, steps };
  }

  /** remind, every day at remindTime: the function decides whether today is a reminder day. */
  private addRemind(): ProjectFunction {
    const delivery = this.scheduleDelivery('Remind');
    const fn = this.projectFunction('remind', {
      boundedBy: 'Only its daily schedule invokes it (with at most schedules.retryAttempts retries).',
      alarmOnErrors: true,
      // Scheduler invokes asynchronously: its DLQ catches invocations it could not deliver, this
      // one catches runs that failed after Lambda's own retries. Both land in one queue.
      asynchronousFailures: delivery,
    });
    this.schedules.invoke('Remind', fn.function, {
      at: clock(this.config.schedules.remindTime),
      description: 'Remind offices before the deadline',
      ...delivery,
    });
    return fn;
  }

  /**
   * Mail to the intake address: SES receipt rule → S3 (inbound/) and SNS → SQS → intake, which
   * writes each workbook under uploads/ for the ingest above.
   */
  private addIntake(): { fn: ProjectFunction; receiving: MailIntake } {
    const settings = this.config.intake;
    const fn = this.projectFunction('intake', {
      boundedBy:
        'Its SQS event source delivers what SES receives for one address; each message is small and handled in seconds.',
      alarmOnErrors: true,
    });
    acknowledge(fn.function, {
      id: 'NIST.800.53.R5-LambdaDLQ',
      reason:
        'intake is invoked synchronously by its SQS event source; a message that keeps failing moves to the queue’s dead-letter queue (alarmed). A function-level DLQ applies only to asynchronous invocations.',
    });
    const receiving = new MailIntake(this, 'MailIntake', {
      intakeAddress: this.config.product.mail.intakeAddress,
      ruleSet:
        settings.ruleSet.kind === 'own'
          ? { kind: 'own', name: intakeRuleSetName(this.config.stage) }
          : settings.ruleSet,
      uploadsBucket: this.data.buckets.uploads,
      encryptionKey: this.operationsKey,
      intake: fn,
      intakeTimeout: Duration.seconds(this.config.functions.intake.timeoutSeconds),
      batchSize: settings.batchSize,
      maxReceiveCount: settings.maxReceiveCount,
    });
    this.monitoring.watchQueue(
      'Intake',
      receiving.queue,
      Duration.minutes(settings.oldestMessageAlarmMinutes),
      RUNBOOK.oldestMail,
    );
    this.monitoring.watchDeadLetterQueue('Intake', receiving.deadLetterQueue, RUNBOOK.intakeDeadLetters);
    return { fn, receiving };
  }

  /** resend, every few minutes: answers whose send failed are sent again from their record. */
  private addResend(): ProjectFunction {
    const delivery = this.scheduleDelivery('Resend');
    const fn = this.projectFunction('resend', {
      boundedBy: 'Only its schedule invokes it (with at most schedules.retryAttempts retries).',
      alarmOnErrors: true,
      asynchronousFailures: delivery,
    });
    this.schedules.invoke('Resend', fn.function, {
      every: Duration.minutes(this.config.intake.resendEveryMinutes),
      description: 'Send again the answers whose send failed',
      ...delivery,
    });
    return fn;
  }

  /** Scheduler's retries and the dead-letter queue (alarmed) for what still fails. */
  private scheduleDelivery(name: string): Omit<ScheduleOptions, 'at' | 'description'> {
    const deadLetterQueue = new DeadLetterQueue(this, `${name}DeadLetters`, {
      encryptionKey: this.operationsKey,
    }).queue;
    this.monitoring.watchDeadLetterQueue(name, deadLetterQueue, RUNBOOK.scheduleDeadLetters);
    this.scheduleDeadLetters.set(name, deadLetterQueue);
    return {
      deadLetterQueue,
      retryAttempts: this.config.schedules.retryAttempts,
      maxEventAge: Duration.minutes(this.config.schedules.maxEventAgeMinutes),
    };
  }

  /** What docs/operations.md's commands look up by output key: no physical name is guessed. */
  private addOutputs(): void {
    const output = (key: string, value: string, description?: string) =>
      new CfnOutput(this, key, { key, value, ...(description ? { description } : {}) });
    output('AlarmTopicArn', this.monitoring.topic.topicArn);
    output('DashboardName', this.monitoring.dashboard.dashboardName);
    output('SesConfigurationSet', this.mail.configurationSet.configurationSetName);
    output(
      'MonthEndStateMachineArn',
      this.monthEnd.stateMachine.stateMachineArn,
      'Start it with {"period": "YYYY-MM"} to re-run a month (docs/operations.md)',
    );
    output('MonthEndLogGroup', this.monthEnd.logGroup.logGroupName);
    for (const [name, fn] of Object.entries(this.functions)) {
      output(`${pascal(name)}FunctionName`, fn.function.functionName);
      output(`${pascal(name)}LogGroup`, fn.logGroup.logGroupName);
    }
    output(
      STATELESS_STACK_OUTPUTS.ingestQueueUrl,
      this.ingestPipeline.queue.queueUrl,
      'Where S3 announces uploads; strategy-report reconcile --replay sends the ones never answered here',
    );
    output('IngestDeadLetterQueueUrl', this.ingestPipeline.deadLetterQueue.queueUrl);
    output('IngestDeadLetterQueueArn', this.ingestPipeline.deadLetterQueue.queueArn);
    output('IntakeQueueUrl', this.mailIntake.queue.queueUrl);
    output('IntakeDeadLetterQueueUrl', this.mailIntake.deadLetterQueue.queueUrl);
    const { intakeAddress } = this.config.product.mail;
    const intakeDomain = intakeAddress.split('@')[1] ?? '';
    output('IntakeAddress', intakeAddress);
    output(
      'IntakeMxRecord',
      mxRecordValue(this.region),
      `Publish as the MX record of ${intakeDomain} so SES receives ${intakeAddress}`,
    );
    output(
      'IntakeRuleSet',
      this.mailIntake.ruleSetName,
      'The receipt rule set holding the intake rule: mail is received only while it is the active set',
    );
    if (this.config.intake.ruleSet.kind === 'own')
      output(
        'IntakeActivateCommand',
        `aws ses set-active-receipt-rule-set --rule-set-name ${this.mailIntake.ruleSetName} --region ${this.region}`,
        'Run once (README): SES has one active rule set per account and region, and the stack never changes it',
      );
    // SES receives only for a verified domain: the intake domain's DKIM records verify it.
    this.mail.receivingIdentity?.dkimRecords.forEach((record, index) => {
      output(
        `IntakeDkimRecord${index + 1}`,
        Fn.join(' CNAME ', [record.name, record.value]),
        `Publish in DNS for ${intakeDomain} (verifies it for receiving)`,
      );
    });
    for (const [name, queue] of this.scheduleDeadLetters) output(`${name}DeadLetterQueueUrl`, queue.queueUrl);
    const identity = this.config.mail.identity;
    if (identity.kind === 'domain') {
      this.mail.identity.dkimRecords.forEach((record, index) => {
        output(
          `DkimRecord${index + 1}`,
          Fn.join(' CNAME ', [record.name, record.value]),
          `Publish in DNS for ${identity.domain}`,
        );
      });
    }
  }
}
