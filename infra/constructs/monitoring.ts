import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmArnPattern } from '../lib/arn-patterns';
import { CONFIGURATION_SET_DIMENSION } from './mail-sending';

export interface MonitoringProps {
  readonly encryptionKey: kms.IKey;
  /** Receives every alarm (an SNS e-mail subscription the recipient confirms once). */
  readonly alarmEmail: string;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Alarms on every failure path, all sent to one encrypted SNS topic, and a dashboard of the
 * pipeline. Each `watch*` method adds the alarms for one kind of resource and its widgets.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
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
  watchDeadLetterQueue(name: string, queue: sqs.IQueue): void {
    const visible = queue.metricApproximateNumberOfMessagesVisible({
      period: FIVE_MINUTES,
      statistic: 'Maximum',
    });
    this.alarm(`${name}DeadLetters`, {
      metric: visible,
      threshold: 1,
      alarmDescription: `${name}: messages are waiting in the dead-letter queue (failed after every retry)`,
    });
    this.dashboard.addWidgets(new cloudwatch.GraphWidget({ title: `${name} dead letters`, left: [visible] }));
  }

  watchFunction(name: string, fn: lambda.IFunction): void {
    const errors = fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
    const throttles = fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.alarm(`${name}Errors`, {
      metric: errors,
      threshold: 1,
      alarmDescription: `${name}: the function failed`,
    });
    this.alarm(`${name}Throttles`, {
      metric: throttles,
      threshold: 1,
      alarmDescription: `${name}: invocations were throttled (concurrency limit reached)`,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${name} invocations`,
        left: [fn.metricInvocations({ period: FIVE_MINUTES }), errors, throttles],
        right: [fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p95' })],
      }),
    );
  }

  /** Uploads waiting too long means ingest is stuck or cannot keep up. */
  watchQueue(name: string, queue: sqs.IQueue, oldestMessageAlarm: Duration): void {
    const age = queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' });
    this.alarm(`${name}OldestMessage`, {
      metric: age,
      threshold: oldestMessageAlarm.toSeconds(),
      alarmDescription: `${name}: the oldest message has waited longer than ${oldestMessageAlarm.toHumanString()}`,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${name} queue`,
        left: [queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES })],
        right: [age],
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
      alarmDescription: 'SES: a message bounced (a recipient did not get a report, receipt or reminder)',
    });
    this.alarm('MailComplaints', {
      metric: complaints,
      threshold: 1,
      alarmDescription: 'SES: a recipient marked a message as spam',
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'mail', left: [sent, delivered, bounces, complaints] }),
    );
  }

  /** One widget with the state of every alarm, placed last so it lists them all. */
  addAlarmStatus(): void {
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'alarms', alarms: this.alarms, width: 24 }),
    );
  }

  private alarm(
    id: string,
    props: Omit<cloudwatch.AlarmProps, 'evaluationPeriods' | 'comparisonOperator'>,
  ): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...props,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}
