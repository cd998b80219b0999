import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { alarmArnPattern } from '../lib/arn-patterns';
import { RUNBOOK, type RunbookEntry, runbookLink } from '../lib/runbook';
import { CONFIGURATION_SET_DIMENSION } from './mail-sending';

export interface MonitoringProps {
  readonly encryptionKey: kms.IKey;
  /** Receives every alarm (an SNS e-mail subscription the recipient confirms once). */
  readonly alarmEmail: string;
  /** The CloudWatch namespace the functions publish their business metrics in (EMF). */
  readonly metricsNamespace: string;
}

/** When a business metric should wake someone up, and which runbook entry says what to do. */
export interface MetricAlarm {
  /** Alarm when a period's value reaches this (or, with `below`, falls under it). */
  readonly threshold: number;
  readonly below?: boolean;
  readonly description: string;
  readonly runbook: RunbookEntry;
}

/**
 * A business metric the functions publish: one call adds its dashboard row and, when `alarm` is
 * given, its alarm (`monitoring.watchBusinessMetric({ metricName: 'SubmissionsRejected', … })`).
 */
export interface BusinessMetric {
  readonly metricName: string;
  /** The dashboard row's title. */
  readonly title: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  /** Default `Sum` over `period` (default one hour). */
  readonly statistic?: string;
  readonly period?: Duration;
  readonly alarm?: MetricAlarm;
}

interface AlarmOptions {
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly below?: boolean;
  readonly description: string;
  readonly runbook: RunbookEntry;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Alarms on every failure path, all sent to one encrypted SNS topic, and a dashboard of the
 * pipeline. Each `watch*` method adds the alarms for one kind of resource and its dashboard row;
 * every alarm's description ends with its runbook entry (docs/operations.md).
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: actions.SnsAction;
  private readonly metricsNamespace: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.metricsNamespace = props.metricsNamespace;
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'strategy-report alarms',
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    // A topic policy replaces SNS's default one: with only the TLS deny that `enforceSSL` writes,
    // nothing may publish, and every alarm would stay silent. CloudWatch may publish for this
    // account's alarms in this region (the confused-deputy conditions SNS documents).
    const stack = Stack.of(this);
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccountPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': alarmArnPattern(stack) },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.action = new actions.SnsAction(this.topic);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
    });
  }

  /** Any message in a dead-letter queue is a failure someone must look at. */
  watchDeadLetterQueue(name: string, queue: sqs.IQueue, runbook: RunbookEntry): void {
    const visible = queue.metricApproximateNumberOfMessagesVisible({
      period: FIVE_MINUTES,
      statistic: 'Maximum',
    });
    this.alarm(`${name}DeadLetters`, {
      metric: visible,
      threshold: 1,
      description: `${name}: messages are waiting in the dead-letter queue (failed after every retry)`,
      runbook,
    });
    this.dashboard.addWidgets(new cloudwatch.GraphWidget({ title: `${name} dead letters`, left: [visible] }));
  }

  /**
   * Throttles always alarm (without reserved concurrency the account's pool is shared). Errors
   * alarm unless something else already alarms on the function's failures: the month-end steps
   * are retried by their workflow, whose failure alarm carries the error that was not retried.
   */
  watchFunction(name: string, fn: lambda.IFunction, options: { readonly alarmOnErrors: boolean }): void {
    const errors = fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
    const throttles = fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' });
    if (options.alarmOnErrors)
      this.alarm(`${name}Errors`, {
        metric: errors,
        threshold: 1,
        description: `${name}: the function failed`,
        runbook: RUNBOOK.functionErrors,
      });
    this.alarm(`${name}Throttles`, {
      metric: throttles,
      threshold: 1,
      description: `${name}: invocations were throttled (concurrency limit reached)`,
      runbook: RUNBOOK.throttles,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${name} invocations`,
        left: [fn.metricInvocations({ period: FIVE_MINUTES }), errors, throttles],
        right: [fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p95' })],
      }),
    );
  }

  /** Messages waiting too long means their function is stuck or cannot keep up. */
  watchQueue(
    name: string,
    queue: sqs.IQueue,
    oldestMessageAlarm: Duration,
    runbook: RunbookEntry = RUNBOOK.oldestUpload,
  ): void {
    const age = queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' });
    this.alarm(`${name}OldestMessage`, {
      metric: age,
      threshold: oldestMessageAlarm.toSeconds(),
      description: `${name}: the oldest message has waited longer than ${oldestMessageAlarm.toHumanString()}`,
      runbook,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${name} queue`,
        left: [queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES })],
        right: [age],
      }),
    );
  }

  /** A month-end execution that failed or timed out: the report of the month is not out. */
  watchWorkflow(name: string, stateMachine: sfn.IStateMachine): void {
    const failed = stateMachine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' });
    const timedOut = stateMachine.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.alarm(`${name}Failed`, {
      metric: failed,
      threshold: 1,
      description: `${name}: an execution failed (a step failed after its retries, or failed with an error that is not retried)`,
      runbook: RUNBOOK.monthEndFailed,
    });
    this.alarm(`${name}TimedOut`, {
      metric: timedOut,
      threshold: 1,
      description: `${name}: an execution ran longer than the workflow timeout and was stopped`,
      runbook: RUNBOOK.monthEndTimedOut,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${name} executions`,
        left: [
          stateMachine.metricStarted({ period: FIVE_MINUTES }),
          stateMachine.metricSucceeded(),
          failed,
          timedOut,
        ],
        right: [stateMachine.metricTime({ period: FIVE_MINUTES, statistic: 'Maximum' })],
      }),
    );
  }

  /** Bounces and complaints hurt the account's sending reputation and mean someone missed a mail. */
  watchMail(configurationSetName: string): void {
    const metric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { [CONFIGURATION_SET_DIMENSION]: configurationSetName },
        period: Duration.hours(1),
        statistic: 'Sum',
      });
    const [sent, delivered, bounces, complaints] = ['Send', 'Delivery', 'Bounce', 'Complaint'].map(
      metric,
    ) as [cloudwatch.Metric, cloudwatch.Metric, cloudwatch.Metric, cloudwatch.Metric];
    this.alarm('MailBounces', {
      metric: bounces,
      threshold: 1,
      description: 'SES: a message bounced (a recipient did not get a report, receipt or reminder)',
      runbook: RUNBOOK.mailBounces,
    });
    this.alarm('MailComplaints', {
      metric: complaints,
      threshold: 1,
      description: 'SES: a recipient marked a message as spam',
      runbook: RUNBOOK.mailComplaints,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'mail', left: [sent, delivered, bounces, complaints] }),
    );
  }

  /** One dashboard row for a business metric, and its alarm when it has one. */
  watchBusinessMetric(spec: BusinessMetric): cloudwatch.Metric {
    const metric = new cloudwatch.Metric({
      namespace: this.metricsNamespace,
      metricName: spec.metricName,
      ...(spec.dimensions ? { dimensionsMap: { ...spec.dimensions } } : {}),
      period: spec.period ?? Duration.hours(1),
      statistic: spec.statistic ?? 'Sum',
    });
    if (spec.alarm)
      this.alarm(spec.metricName, {
        metric,
        threshold: spec.alarm.threshold,
        ...(spec.alarm.below ? { below: true } : {}),
        description: spec.alarm.description,
        runbook: spec.alarm.runbook,
      });
    this.dashboard.addWidgets(new cloudwatch.GraphWidget({ title: spec.title, left: [metric], width: 24 }));
    return metric;
  }

  /** One widget with the state of every alarm, placed last so it lists them all. */
  addAlarmStatus(): void {
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'alarms', alarms: this.alarms, width: 24 }),
    );
  }

  private alarm(id: string, options: AlarmOptions): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: 1,
      comparisonOperator: options.below
        ? cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD
        : cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${options.description}. ${runbookLink(options.runbook)}`,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}
