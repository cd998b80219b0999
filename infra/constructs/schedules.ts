import { type Duration, RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources } from './acknowledge';
import { ManagedPolicyRole } from './managed-policy-role';

export interface SchedulesProps {
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
  /** Where Scheduler puts a start it could not deliver after its retries. */
  readonly deadLetterQueue: sqs.IQueue;
  readonly retryAttempts: number;
  readonly maxEventAge: Duration;
}

/**
 * EventBridge Scheduler schedules in the product's time zone (so "the 11th at 06:00" follows
 * daylight saving time), in a schedule group of their own, each starting its target with the
 * input `{}`: no period means "the previous calendar month". One execution role, trusted only by
 * this account's schedules in this group, may start exactly these targets.
 *
 * The group is deleted with the stack (its schedules with it): it holds nothing that must outlive
 * a deployment, and a kept group would collide with the next deployment's, whose name CDK derives
 * from the same construct path.
 */
export class Schedules extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly role: ManagedPolicyRole;
  readonly schedules: scheduler.Schedule[] = [];
  private readonly timeZone: TimeZone;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.timeZone = TimeZone.of(props.timeZone);
    this.group = new scheduler.ScheduleGroup(this, 'Group', { removalPolicy: RemovalPolicy.DESTROY });
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': this.group.scheduleGroupArn },
        },
      }),
      description: 'EventBridge Scheduler: starts the month-end workflow and the reminder function',
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

  /** Invokes a function (asynchronously, as Scheduler does). */
  invoke(id: string, fn: lambda.IFunction, options: ScheduleOptions): scheduler.Schedule {
    const schedule = this.add(id, options, (base) => new targets.LambdaInvoke(fn, base));
    // LambdaInvoke allows the function and its versions and aliases (`<arn>:*`).
    acknowledgeWildcardResources(
      this.role.policy,
      [`${fn.functionArn}:*`],
      `Scheduler may invoke the function of the ${id} schedule, including its versions and aliases (the ":*" qualifier), and no other function.`,
    );
    return schedule;
  }

  /** Starts an execution of a state machine (`states:StartExecution` on that one only). */
  startExecution(id: string, stateMachine: sfn.IStateMachine, options: ScheduleOptions): scheduler.Schedule {
    return this.add(id, options, (base) => new targets.StepFunctionsStartExecution(stateMachine, base));
  }

  private add(
    id: string,
    options: ScheduleOptions,
    target: (base: targets.ScheduleTargetBaseProps) => scheduler.IScheduleTarget,
  ): scheduler.Schedule {
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
      target: target({
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject({}),
        deadLetterQueue: options.deadLetterQueue,
        retryAttempts: options.retryAttempts,
        maxEventAge: options.maxEventAge,
      }),
    });
    this.schedules.push(schedule);
    return schedule;
  }
}
