import { type Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources } from './acknowledge';
import { ManagedPolicyRole } from './managed-policy-role';
import type { ProjectFunction } from './project-function';

export interface ScheduledFunctionsProps {
  /** IANA time zone the cron expressions are evaluated in (product config `timeZone`). */
  readonly timeZone: string;
  /** Encrypts the dead-letter queues Scheduler writes to. */
  readonly encryptionKey: kms.IKey;
}

export interface ScheduleOptions {
  /** Minute and hour of the run, and the day of the month (omitted: every day); or `every`. */
  readonly at?: { readonly minute: number; readonly hour: number; readonly day?: number };
  /** A run at this interval instead of at a time of day. */
  readonly every?: Duration;
  readonly description: string;
  /** Where Scheduler puts an invocation it could not deliver after its retries. */
  readonly deadLetterQueue: sqs.IQueue;
  readonly retryAttempts: number;
  readonly maxEventAge: Duration;
}

/**
 * EventBridge Scheduler schedules in the product's time zone (so "the 11th at 06:00" follows
 * daylight saving time), in a schedule group of their own, invoking the scheduled functions with
 * the input `{}`: no period means "the previous calendar month" to each function. One execution
 * role, trusted only by this account's schedules in this group, may invoke exactly these functions.
 */
export class ScheduledFunctions extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly role: ManagedPolicyRole;
  readonly schedules: scheduler.Schedule[] = [];
  private readonly timeZone: TimeZone;

  constructor(scope: Construct, id: string, props: ScheduledFunctionsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.timeZone = TimeZone.of(props.timeZone);
    this.group = new scheduler.ScheduleGroup(this, 'Group');
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': this.group.scheduleGroupArn },
        },
      }),
      description: 'EventBridge Scheduler: invokes the scheduled strategy-report functions',
    });
    // The dead-letter queues are encrypted: Scheduler writes to them with this role.
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `sqs.${stack.region}.amazonaws.com` } },
      }),
    );
  }

  schedule(id: string, fn: ProjectFunction, options: ScheduleOptions): scheduler.Schedule {
    const schedule = new scheduler.Schedule(this, id, {
      scheduleGroup: this.group,
      description: options.description,
      schedule: options.every
        ? scheduler.ScheduleExpression.rate(options.every)
        : scheduler.ScheduleExpression.cron({
            minute: String(options.at?.minute ?? 0),
            hour: String(options.at?.hour ?? 0),
            ...(options.at?.day === undefined ? {} : { day: String(options.at.day) }),
            timeZone: this.timeZone,
          }),
      target: new targets.LambdaInvoke(fn.function, {
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject({}),
        deadLetterQueue: options.deadLetterQueue,
        retryAttempts: options.retryAttempts,
        maxEventAge: options.maxEventAge,
      }),
    });
    // LambdaInvoke allows the function and its versions and aliases (`<arn>:*`).
    acknowledgeWildcardResources(
      this.role.policy,
      [`${fn.function.functionArn}:*`],
      `Scheduler may invoke ${fn.node.id}, including its versions and aliases (the ":*" qualifier), and no other function.`,
    );
    this.schedules.push(schedule);
    return schedule;
  }
}
