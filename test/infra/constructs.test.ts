import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { Monitoring } from '../../infra/constructs/monitoring';
import { ProjectFunction } from '../../infra/constructs/project-function';
import { FUNCTION_ENTRIES } from '../../infra/lib/function-entries';
import { RUNBOOK } from '../../infra/lib/runbook';
import { resourcesOfType } from '../support/template-queries';

/** A stack of its own, with bundling skipped: these tests read templates only. */
const bareStack = () => new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Bare');

describe('Monitoring', () => {
  it('adds a business metric’s dashboard row and its alarm with one call each', () => {
    const stack = bareStack();
    const monitoring = new Monitoring(stack, 'Monitoring', {
      encryptionKey: new kms.Key(stack, 'Key'),
      alarmEmail: 'ops@example.gov',
      metricsNamespace: 'StrategyReport',
    });
    monitoring.watchBusinessMetric({ metricName: 'SubmissionsAccepted', title: 'Submissions accepted' });
    monitoring.watchBusinessMetric({
      metricName: 'SubmissionsRejected',
      title: 'Submissions rejected',
      alarm: { threshold: 10, description: 'Many workbooks were rejected', runbook: RUNBOOK.functionErrors },
    });
    const template = Template.fromStack(stack);

    const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm'));
    expect(alarms.map((alarm) => alarm.Properties)).toEqual([
      expect.objectContaining({
        Namespace: 'StrategyReport',
        MetricName: 'SubmissionsRejected',
        Statistic: 'Sum',
        Period: 3600,
        Threshold: 10,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmDescription: 'Many workbooks were rejected. Runbook: docs/operations.md#function-errors',
      }),
    ]);
    const [dashboard] = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const title of ['Submissions accepted', 'Submissions rejected']) expect(body).toContain(title);
  });
});

describe('ProjectFunction', () => {
  const functionWith = (concurrency: { reserved: number } | { boundedBy: string }) => {
    const stack = bareStack();
    const entry = FUNCTION_ENTRIES.remind;
    new ProjectFunction(stack, 'Remind', {
      entry: entry.entry,
      description: entry.description,
      memorySize: 512,
      timeout: Duration.minutes(1),
      concurrency,
      encryptionKey: new kms.Key(stack, 'Key'),
      logRetention: logs.RetentionDays.ONE_WEEK,
      logRemovalPolicy: RemovalPolicy.DESTROY,
    });
    const [fn] = Object.values(resourcesOfType(Template.fromStack(stack), 'AWS::Lambda::Function'));
    return fn?.Properties;
  };

  it('reserves concurrency only when the stage opts in', () => {
    expect(functionWith({ reserved: 3 })?.ReservedConcurrentExecutions).toBe(3);
    expect(functionWith({ boundedBy: 'its daily schedule' })?.ReservedConcurrentExecutions).toBeUndefined();
  });
});
