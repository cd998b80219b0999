import { z } from 'zod';
import {
  type ProductConfig,
  parseProductConfig,
  type productConfigSchema,
} from '../../shared/config/product-config';
import { InvalidInputError } from '../../shared/domain/errors';
import { STAGE_RULES } from './stage-rules';

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24 h)')
  .describe('HH:MM in the product time zone');

const functionSizing = z
  .object({
    memoryMb: z.number().int().min(128).max(10_240),
    timeoutSeconds: z.number().int().min(3).max(900),
    /**
     * Reserved concurrency, opt-in: omitted, the function reserves nothing. A new account's Lambda
     * quota leaves nothing to reserve (Lambda keeps 100 unreserved), and the functions are bounded
     * without it: ingest by its event source's maximum concurrency, the month-end steps by their
     * one workflow, remind by its daily schedule. Set it only after checking the quota (README).
     */
    reservedConcurrency: z.number().int().min(1).max(50).optional(),
  })
  .strict();

/** An IAM principal an auditor assumes the role from: an account id, or a role or user ARN. */
const auditorPrincipal = z
  .string()
  .regex(
    /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|role\/.+|user\/.+))$/,
    'an account id, or the ARN of an IAM role or user (arn:aws:iam::<account>:role/<name>)',
  );

/**
 * One deployment stage (dev, prod, ...). Everything the stacks vary by is here, typed and
 * validated, and passed down as props: constructs never read the environment.
 */
export const stageConfigSchema = z
  .object({
    /** Short stage name, used in stack names ("StrategyReport-<stage>-Stateful"). */
    stage: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, 'lowercase letters, digits and dashes'),
    /**
     * Production stages get COMPLIANCE-mode Object Lock, table deletion protection, retained log
     * groups and stack termination protection.
     */
    production: z.boolean(),
    account: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
    region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'an AWS region such as us-east-1'),
    /**
     * The product settings the functions run with (docs/configuration.md): time zone, deadline
     * day, reminder days, sender and recipients, marking banner, and whatever limits that schema
     * holds. Passed to every function as PRODUCT_CONFIG, validated by the same schema.
     */
    product: z.record(z.string(), z.unknown()),
    mail: z
      .object({
        /**
         * The SES identity the sender address belongs to: the address itself (SES mails a
         * verification link) or its domain (DKIM records to publish; see the stack outputs).
         */
        identity: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('email') }).strict(),
          z
            .object({
              kind: z.literal('domain'),
              domain: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/i),
            })
            .strict(),
        ]),
        /**
         * While the account is in the SES sandbox every recipient must be a verified identity:
         * when true the stack creates one for each leadership and office-contact address (each
         * gets a verification link) and lets the functions send to them.
         */
        verifyRecipients: z.boolean(),
      })
      .strict(),
    schedules: z
      .object({
        /** Day of the month the previous month's report is produced (after the deadline). */
        reportDay: z.number().int().min(1).max(28),
        /**
         * When the month-end workflow starts on the report day: rollup, then render, then notify, then review (and notify of the pack after a quarter’s last month),
         * each as soon as the one before it has finished (docs/operations.md).
         */
        reportTime: clockTime,
        /** Daily; the remind function decides whether today is a reminder day. */
        remindTime: clockTime,
        /**
         * Retries of a start Scheduler could not deliver (the workflow, the remind function), and
         * Lambda's retries of a failed asynchronous remind run.
         */
        retryAttempts: z.number().int().min(0).max(2),
        maxEventAgeMinutes: z.number().int().min(1).max(360),
      })
      .strict(),
    monthEnd: z
      .object({
        /**
         * Retries of a step that failed for a passing reason (another render holds the report
         * chain, DynamoDB or S3 throttling): the first after `intervalSeconds`, each next one
         * `backoffRate` times later. Bad input and missing data are not retried.
         */
        retry: z
          .object({
            intervalSeconds: z.number().int().min(1).max(600),
            maxAttempts: z.number().int().min(1).max(10),
            backoffRate: z.number().min(1).max(5),
          })
          .strict(),
        /** The whole workflow fails (and alarms) after this long. */
        timeoutMinutes: z.number().int().min(5).max(1_440),
      })
      .strict(),
    retention: z
      .object({
        /** Object Lock default retention of every report object version. */
        reportsDays: z.number().int().min(1).max(36_500),
        /** COMPLIANCE in production (nobody can shorten it), GOVERNANCE elsewhere. */
        reportsMode: z.enum(['COMPLIANCE', 'GOVERNANCE']),
        logDays: z
          .number()
          .int()
          .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
            message: `one of ${LOG_RETENTION_DAYS.join(', ')}`,
          }),
        /** S3 server access logs and the audit trail's files are kept this long. */
        auditLogDays: z.number().int().min(90).max(36_500),
        /** Daily AWS Backup recovery points of the table are kept this long. */
        backupDays: z.number().int().min(7).max(36_500),
      })
      .strict(),
    ingest: z
      .object({
        /** Messages per invocation; failures are reported per message (partial batch response). */
        batchSize: z.number().int().min(1).max(10),
        maxBatchingWindowSeconds: z.number().int().min(0).max(300),
        /** Concurrent ingest invocations at most (event source maximum concurrency). */
        maxConcurrency: z.number().int().min(2).max(50),
        /** Deliveries of a message before it moves to the dead-letter queue. */
        maxReceiveCount: z.number().int().min(1).max(20),
        /** Alarm when the oldest waiting upload is older than this. */
        oldestMessageAlarmMinutes: z.number().int().min(1).max(1_440),
      })
      .strict(),
    /**
     * Mail intake (docs/email-intake.md): SES receives mail for `product.mail.intakeAddress`,
     * stores it in the uploads bucket and the intake function turns replies into uploads.
     */
    intake: z
      .object({
        /**
         * SES has one active receipt rule set per account and region, and the stack never changes
         * which one it is. `own`: the stack creates a rule set for this stage; an operator makes it
         * the active one (the `IntakeActivateCommand` output) where the account has no other.
         * `existing`: the stack adds its rule to that rule set (the account's active one).
         */
        ruleSet: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('own') }).strict(),
          z
            .object({ kind: z.literal('existing'), name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) })
            .strict(),
        ]),
        /** Messages per invocation of the intake function. */
        batchSize: z.number().int().min(1).max(10),
        /** Deliveries of a message before it moves to the dead-letter queue. */
        maxReceiveCount: z.number().int().min(1).max(20),
        /** Alarm when the oldest waiting message is older than this. */
        oldestMessageAlarmMinutes: z.number().int().min(1).max(1_440),
        /** How often failed answers are tried again (the resend function), in minutes. */
        resendEveryMinutes: z.number().int().min(1).max(60),
      })
      .strict(),
    functions: z
      .object({
        ingest: functionSizing,
        intake: functionSizing,
        resend: functionSizing,
        rollup: functionSizing,
        render: functionSizing,
        notify: functionSizing,
        review: functionSizing,
        remind: functionSizing,
      })
      .strict(),
    /** Where alarms are e-mailed (an SNS e-mail subscription the recipient confirms). */
    alarmEmail: z.email(),
    auditor: z
      .object({
        /**
         * Who may assume the auditor role. Each must exist before the deploy (IAM refuses a trust
         * policy naming a role or user that does not), and there is no default: an empty list is
         * refused at synth.
         */
        principals: z
          .array(auditorPrincipal)
          .min(
            1,
            'name at least one IAM principal (account id, role or user ARN) allowed to assume the auditor role',
          ),
        /** Require MFA on the session that assumes the role; always true in production stages. */
        requireMfa: z.boolean(),
      })
      .strict(),
  })
  .strict()
  .refine((config) => config.retention.reportsMode === (config.production ? 'COMPLIANCE' : 'GOVERNANCE'), {
    message: 'retention.reportsMode must be COMPLIANCE in production stages and GOVERNANCE elsewhere',
    path: ['retention', 'reportsMode'],
  })
  .refine((config) => config.auditor.requireMfa || !config.production, {
    message: 'auditor.requireMfa must be true in production stages',
    path: ['auditor', 'requireMfa'],
  });

/** A stage as written in infra/config/stages/<stage>.ts: product settings typed by their own schema. */
export type StageDefinition = Omit<z.input<typeof stageConfigSchema>, 'product'> & {
  readonly product: z.input<typeof productConfigSchema>;
};

export type StageConfig = Omit<z.output<typeof stageConfigSchema>, 'product'> & {
  readonly product: ProductConfig;
};

/**
 * Validates a stage definition, including its product settings with the functions' own schema
 * and the rules that relate one setting to another (./stage-rules.ts), so a bad value fails
 * `cdk synth` rather than a deploy or a cold start in AWS. Every problem found is reported.
 */
export function parseStageConfig(document: unknown, source: string): StageConfig {
  const parsed = stageConfigSchema.safeParse(document);
  if (!parsed.success) {
    throw new InvalidInputError(
      parsed.error.issues.map((issue) => ({
        rule: 'stage.schema',
        message: `${issue.path.length > 0 ? z.core.toDotPath(issue.path) : '(root)'}: ${issue.message}`,
        file: source,
      })),
    );
  }
  const config: StageConfig = {
    ...parsed.data,
    product: parseProductConfig(parsed.data.product, `${source} (product)`),
  };
  const problems = STAGE_RULES.flatMap((rule) => rule(config)).map((problem) => ({
    ...problem,
    file: source,
  }));
  if (problems.length > 0) throw new InvalidInputError(problems);
  return config;
}
