import { CfnOutput, Duration, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import {
  ANNOTATED_PREFIX,
  ANSWERS_PREFIX,
  INBOUND_PREFIX,
  REPORTS_PREFIX,
  SNAPSHOTS_PREFIX,
  UPLOADS_PREFIX,
} from '../../shared/storage/object-keys';
import type { StageConfig } from '../config/stage-config';
import { acknowledge } from '../constructs/acknowledge';
import { DeadLetterQueue } from '../constructs/dead-letter-queue';
import { EncryptionKey } from '../constructs/encryption-key';
import {
  bindBucket,
  bindMail,
  bindProductConfig,
  bindTable,
  type TableRef,
} from '../constructs/function-bindings';
import { IngestPipeline } from '../constructs/ingest-pipeline';
import { MailIntake } from '../constructs/mail-intake';
import { MailSending } from '../constructs/mail-sending';
import { Monitoring } from '../constructs/monitoring';
import { ProjectFunction } from '../constructs/project-function';
import { ScheduledFunctions } from '../constructs/scheduled-functions';
import { FUNCTION_ENTRIES, type FunctionName } from '../lib/function-entries';
import { intakeRuleSetName, mxRecordValue } from '../lib/mail-receiving';
import { removalPolicyFor } from '../lib/removal-policy';
import type { StatefulExports } from '../lib/stack-names';

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
  /** Export names of the stateful stack's key, table and buckets. */
  readonly imports: StatefulExports;
}

type ScheduledName = Exclude<FunctionName, 'ingest' | 'intake'>;

const clock = (time: string) => {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { hour, minute };
};

/**
 * The code and everything that only moves data: the five functions, the ingest queue, the
 * schedules, SES sending, alarms and the dashboard. It can be destroyed and redeployed at any
 * time without losing a record; it reaches the data only through the stateful stack's exports.
 */
export class StatelessStack extends Stack {
  readonly functions: Readonly<Record<FunctionName, ProjectFunction>>;
  readonly ingestPipeline: IngestPipeline;
  readonly scheduledFunctions: ScheduledFunctions;
  readonly mail: MailSending;
  readonly mailIntake: MailIntake;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, imports } = props;
    const dataKey = kms.Key.fromKeyArn(this, 'DataKey', Fn.importValue(imports.dataKeyArn));
    const table: TableRef = {
      tableName: Fn.importValue(imports.tableName),
      tableArn: Fn.importValue(imports.tableArn),
    };
    const bucket = (id: string, name: string, arn: string) =>
      s3.Bucket.fromBucketAttributes(this, id, {
        bucketName: Fn.importValue(name),
        bucketArn: Fn.importValue(arn),
        encryptionKey: dataKey,
      });
    const uploads = bucket('UploadsBucket', imports.uploadsBucketName, imports.uploadsBucketArn);
    const reports = bucket('ReportsBucket', imports.reportsBucketName, imports.reportsBucketArn);

    // Messages, alarms and logs are encrypted with a key of this stack: they are operational,
    // transient data, and the data key's policy stays free of the services that handle them.
    const operationsKey = new EncryptionKey(this, 'OperationsKey', {
      description: 'strategy-report operations: queues, dead letters, the alarm topic and function logs',
      forLogGroups: true,
      forAlarmTopics: true,
    }).key;

    this.monitoring = new Monitoring(this, 'Monitoring', {
      encryptionKey: operationsKey,
      alarmEmail: config.alarmEmail,
    });
    const { product } = config;
    this.mail = new MailSending(this, 'Mail', {
      sender: product.mail.sender,
      receivingAddress: product.mail.intakeAddress,
      identity: config.mail.identity,
      recipientsToVerify: config.mail.verifyRecipients
        ? [...product.mail.leadership, ...Object.values(product.mail.officeContacts)]
        : [],
    });

    const projectFunction = (name: FunctionName, reservedConcurrentExecutions: number, extra = {}) => {
      const entry = FUNCTION_ENTRIES[name];
      const sizing = config.functions[name];
      const fn = new ProjectFunction(this, `${name[0]?.toUpperCase()}${name.slice(1)}`, {
        entry: entry.entry,
        description: entry.description,
        memorySize: sizing.memoryMb,
        timeout: Duration.seconds(sizing.timeoutSeconds),
        reservedConcurrentExecutions,
        encryptionKey: operationsKey,
        logRetention: config.retention.logDays as logs.RetentionDays,
        logRemovalPolicy: removalPolicyFor(config),
        ...(entry.bundling ? { bundling: entry.bundling } : {}),
        ...extra,
      });
      bindProductConfig(fn, product);
      this.monitoring.watchFunction(fn.node.id, fn.function);
      return fn;
    };

    // ingest: S3 event → SQS → function.
    const ingest = projectFunction('ingest', config.ingest.maxConcurrency);
    bindTable(ingest, table, dataKey, 'readWrite');
    // It reads back the annotated copy it wrote: answers are sent from their record, attachments included.
    bindBucket(ingest, 'uploads', uploads, dataKey, {
      read: [UPLOADS_PREFIX, ANNOTATED_PREFIX],
      write: [ANNOTATED_PREFIX],
    });
    bindMail(ingest, this.mail);
    acknowledge(ingest.function, {
      id: 'NIST.800.53.R5-LambdaDLQ',
      reason:
        'ingest is invoked synchronously by its SQS event source; a failed message returns to the queue and, after maxReceiveCount deliveries, moves to the queue’s dead-letter queue (alarmed). A function-level DLQ applies only to asynchronous invocations.',
    });
    this.ingestPipeline = new IngestPipeline(this, 'IngestPipeline', {
      uploadsBucket: uploads,
      encryptionKey: operationsKey,
      ingest,
      ingestTimeout: Duration.seconds(config.functions.ingest.timeoutSeconds),
      batchSize: config.ingest.batchSize,
      maxBatchingWindow: Duration.seconds(config.ingest.maxBatchingWindowSeconds),
      maxConcurrency: config.ingest.maxConcurrency,
      maxReceiveCount: config.ingest.maxReceiveCount,
    });
    this.monitoring.watchQueue(
      'Ingest',
      this.ingestPipeline.queue,
      Duration.minutes(config.ingest.oldestMessageAlarmMinutes),
    );
    this.monitoring.watchDeadLetterQueue('Ingest', this.ingestPipeline.deadLetterQueue);

    // intake: SES receipt rule → S3 (inbound/) + SNS → SQS → function → uploads/ (→ the ingest above).
    const intake = projectFunction('intake', config.functions.intake.reservedConcurrency);
    bindTable(intake, table, dataKey, 'readWrite');
    bindBucket(intake, 'uploads', uploads, dataKey, {
      // The raw message; whether an upload exists already; the files its answers attach.
      read: [INBOUND_PREFIX, UPLOADS_PREFIX, ANNOTATED_PREFIX, ANSWERS_PREFIX],
      write: [UPLOADS_PREFIX, ANSWERS_PREFIX],
    });
    bindMail(intake, this.mail);
    acknowledge(intake.function, {
      id: 'NIST.800.53.R5-LambdaDLQ',
      reason:
        'intake is invoked synchronously by its SQS event source; a message that keeps failing moves to the queue’s dead-letter queue (alarmed). A function-level DLQ applies only to asynchronous invocations.',
    });
    const ruleSet =
      config.intake.ruleSet.kind === 'own'
        ? { kind: 'own' as const, name: intakeRuleSetName(config.stage) }
        : config.intake.ruleSet;
    this.mailIntake = new MailIntake(this, 'MailIntake', {
      intakeAddress: product.mail.intakeAddress,
      ruleSet,
      uploadsBucket: uploads,
      encryptionKey: operationsKey,
      intake,
      intakeTimeout: Duration.seconds(config.functions.intake.timeoutSeconds),
      batchSize: config.intake.batchSize,
      maxReceiveCount: config.intake.maxReceiveCount,
    });
    this.monitoring.watchQueue(
      'Intake',
      this.mailIntake.queue,
      Duration.minutes(config.intake.oldestMessageAlarmMinutes),
    );
    this.monitoring.watchDeadLetterQueue('Intake', this.mailIntake.deadLetterQueue);

    // rollup → render → notify on the report day, remind every day, resend every few minutes.
    this.scheduledFunctions = new ScheduledFunctions(this, 'Schedules', {
      timeZone: product.timeZone,
      encryptionKey: operationsKey,
    });
    const { schedules } = config;
    const scheduled = (
      name: ScheduledName,
      time: string | Duration,
      day: number | undefined,
      description: string,
    ) => {
      const deadLetters = new DeadLetterQueue(this, `${name[0]?.toUpperCase()}${name.slice(1)}DeadLetters`, {
        encryptionKey: operationsKey,
      }).queue;
      const retries = {
        retryAttempts: schedules.retryAttempts,
        maxEventAge: Duration.minutes(schedules.maxEventAgeMinutes),
      };
      const fn = projectFunction(name, config.functions[name].reservedConcurrency, {
        // Scheduler invokes asynchronously: its DLQ catches invocations it could not deliver,
        // this one catches runs that failed after Lambda's own retries. Both land in one queue.
        asynchronousFailures: { deadLetterQueue: deadLetters, ...retries },
      });
      this.scheduledFunctions.schedule(fn.node.id, fn, {
        ...(typeof time === 'string'
          ? { at: { ...clock(time), ...(day === undefined ? {} : { day }) } }
          : { every: time }),
        description,
        deadLetterQueue: deadLetters,
        ...retries,
      });
      this.monitoring.watchDeadLetterQueue(fn.node.id, deadLetters);
      return fn;
    };
    const day = schedules.reportDay;
    const rollup = scheduled('rollup', schedules.rollupTime, day, 'Roll up the previous month');
    bindTable(rollup, table, dataKey, 'readWrite');
    bindBucket(rollup, 'reports', reports, dataKey, { read: [SNAPSHOTS_PREFIX], write: [SNAPSHOTS_PREFIX] });

    const render = scheduled('render', schedules.renderTime, day, 'Render the previous month’s report');
    bindTable(render, table, dataKey, 'readWrite');
    // Render reads earlier manifests (the chain) and checks for a manifest a crashed render left.
    bindBucket(render, 'reports', reports, dataKey, {
      read: [SNAPSHOTS_PREFIX, REPORTS_PREFIX],
      write: [REPORTS_PREFIX],
    });

    const notify = scheduled('notify', schedules.notifyTime, day, 'Mail the previous month’s report');
    bindTable(notify, table, dataKey, 'readWrite');
    // Notify reads the report's files and its snapshot (the headline numbers of the e-mail).
    bindBucket(notify, 'reports', reports, dataKey, { read: [SNAPSHOTS_PREFIX, REPORTS_PREFIX] });
    bindMail(notify, this.mail);

    const remind = scheduled('remind', schedules.remindTime, undefined, 'Remind offices before the deadline');
    // Remind records each reminder it sends (once per office and day) in the table.
    bindTable(remind, table, dataKey, 'readWrite');
    bindMail(remind, this.mail);

    const resend = scheduled(
      'resend',
      Duration.minutes(config.intake.resendEveryMinutes),
      undefined,
      'Send again the answers whose send failed',
    );
    bindTable(resend, table, dataKey, 'readWrite');
    // The files an answer attaches: annotated copies and workbooks sent back.
    bindBucket(resend, 'uploads', uploads, dataKey, { read: [ANNOTATED_PREFIX, ANSWERS_PREFIX] });
    bindMail(resend, this.mail);

    this.functions = { ingest, rollup, render, notify, remind, intake, resend };
    this.monitoring.watchMail(this.mail.configurationSet.configurationSetName);
    this.monitoring.addAlarmStatus();

    new CfnOutput(this, 'IntakeMxRecord', {
      key: 'IntakeMxRecord',
      value: mxRecordValue(this.region),
      description: `Publish as the MX record of ${product.mail.intakeAddress.split('@')[1]} so SES receives ${product.mail.intakeAddress}`,
    });
    new CfnOutput(this, 'IntakeAddress', { key: 'IntakeAddress', value: product.mail.intakeAddress });
    new CfnOutput(this, 'IntakeRuleSet', {
      key: 'IntakeRuleSet',
      value: ruleSet.name,
      description:
        'The receipt rule set holding the intake rule: mail is received only while it is the active set',
    });
    if (ruleSet.kind === 'own')
      new CfnOutput(this, 'IntakeActivateCommand', {
        key: 'IntakeActivateCommand',
        value: `aws ses set-active-receipt-rule-set --rule-set-name ${ruleSet.name} --region ${this.region}`,
        description:
          'Run once (README): SES has one active rule set per account and region, and the stack never changes it',
      });
    new CfnOutput(this, 'AlarmTopicArn', { key: 'AlarmTopicArn', value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'SesConfigurationSet', {
      key: 'SesConfigurationSet',
      value: this.mail.configurationSet.configurationSetName,
    });
    if (config.mail.identity.kind === 'domain') {
      this.mail.identity.dkimRecords.forEach((record, index) => {
        new CfnOutput(this, `DkimRecord${index + 1}`, {
          key: `DkimRecord${index + 1}`,
          value: Fn.join(' CNAME ', [record.name, record.value]),
          description: `Publish in DNS for ${config.mail.identity.kind === 'domain' ? config.mail.identity.domain : ''}`,
        });
      });
    }
    // SES receives only for a verified domain: the intake domain's DKIM records verify it.
    this.mail.receivingIdentity?.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `IntakeDkimRecord${index + 1}`, {
        key: `IntakeDkimRecord${index + 1}`,
        value: Fn.join(' CNAME ', [record.name, record.value]),
        description: `Publish in DNS for ${product.mail.intakeAddress.split('@')[1]} (verifies it for receiving)`,
      });
    });
  }
}
