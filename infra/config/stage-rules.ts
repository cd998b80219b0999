import { productConfigSchema } from '../../shared/config/product-config';
import type { InputProblem } from '../../shared/domain/errors';
import { SES_RECEIVING_REGIONS } from '../lib/mail-receiving';
import type { StageConfig } from './stage-config';

/**
 * A rule relating settings of a stage to one another (or to its product settings), checked after
 * the schema: each answers the problems it finds, without the file (the parser adds it).
 */
export type StageRule = (config: StageConfig) => Omit<InputProblem, 'file'>[];

/** The functions run the catalog bundled with them: a catalog file would be silently ignored. */
const bundledCatalogOnly: StageRule = ({ product }) =>
  product.catalogFile === undefined
    ? []
    : [
        {
          rule: 'stage.catalog',
          message:
            'product.catalogFile cannot be used in AWS: the functions run the catalog bundled with them (docs/catalog.md)',
        },
      ];

/** SES sends From an address of a verified domain identity only. */
const senderInIdentityDomain: StageRule = ({ mail, product }) =>
  mail.identity.kind === 'domain' &&
  !product.mail.sender.toLowerCase().endsWith(`@${mail.identity.domain.toLowerCase()}`)
    ? [
        {
          rule: 'stage.mail',
          message: `the sender ${product.mail.sender} is not an address of the SES identity domain ${mail.identity.domain}`,
        },
      ]
    : [];

/** The report rolls up what was submitted by the deadline. */
const reportAfterDeadline: StageRule = ({ schedules, product }) =>
  schedules.reportDay < product.submissionDeadlineDay
    ? [
        {
          rule: 'stage.schedule',
          message: `schedules.reportDay (${schedules.reportDay}) must not come before the submission deadline day (${product.submissionDeadlineDay})`,
        },
      ]
    : [];

/**
 * The workflow runs rollup, render, notify, review and (after a quarter's last month) notify again
 * one after the other: its timeout must leave each step at least one run to its own timeout, or a
 * slow month fails for no fault of its own.
 */
const workflowOutlastsItsSteps: StageRule = ({ functions, monthEnd }) => {
  const steps =
    functions.rollup.timeoutSeconds +
    functions.render.timeoutSeconds +
    functions.review.timeoutSeconds +
    2 * functions.notify.timeoutSeconds;
  return monthEnd.timeoutMinutes * 60 >= steps
    ? []
    : [
        {
          rule: 'stage.month-end',
          message: `monthEnd.timeoutMinutes (${monthEnd.timeoutMinutes}) is shorter than the rollup, render, notify, review and notify (the pack) timeouts together (${Math.ceil(steps / 60)} minutes)`,
        },
      ];
};

/**
 * With both set, the event source's maximum concurrency must fit within the reserved concurrency
 * (AWS Lambda's SQS guidance); otherwise the queue's own pollers get throttled.
 */
const ingestReservationCoversEventSource: StageRule = ({ functions, ingest }) => {
  const reserved = functions.ingest.reservedConcurrency;
  return reserved === undefined || reserved >= ingest.maxConcurrency
    ? []
    : [
        {
          rule: 'stage.concurrency',
          message: `functions.ingest.reservedConcurrency (${reserved}) is below ingest.maxConcurrency (${ingest.maxConcurrency}); raise it or leave it out`,
        },
      ];
};

/**
 * The ingest answers every upload in a batch within one invocation: each may take its time budget
 * (then it is rejected as file.too-complex), and a quarter of the timeout stays for storage and
 * mail. Past the timeout SQS would retry the whole batch instead of an answer (docs/submissions.md).
 */
const ingestBudgetFitsTimeout: StageRule = ({ functions, ingest, product }) => {
  const budgets = ingest.batchSize * product.limits.timeBudgetSeconds;
  return budgets <= functions.ingest.timeoutSeconds * 0.75
    ? []
    : [
        {
          rule: 'stage.ingest-budget',
          message: `ingest.batchSize (${ingest.batchSize}) × product.limits.timeBudgetSeconds (${product.limits.timeBudgetSeconds}) is ${budgets} s, more than three quarters of functions.ingest.timeoutSeconds (${functions.ingest.timeoutSeconds})`,
        },
      ];
};

/** The partition a region belongs to: an auditor ARN from another one can never be trusted. */
export const partitionOf = (region: string): string =>
  region.startsWith('cn-')
    ? 'aws-cn'
    : region.includes('-gov-')
      ? 'aws-us-gov'
      : region.includes('-isob-')
        ? 'aws-iso-b'
        : region.includes('-iso-')
          ? 'aws-iso'
          : 'aws';

/** Auditor principals: each once, each of the stage's partition (IAM refuses the trust policy otherwise). */
const auditorPrincipalsUsable: StageRule = ({ auditor, region }) => {
  const partition = partitionOf(region);
  const problems: Omit<InputProblem, 'file'>[] = [];
  auditor.principals.forEach((principal, index) => {
    if (auditor.principals.indexOf(principal) !== index)
      problems.push({ rule: 'stage.auditor', message: `auditor.principals names ${principal} twice` });
    const arnPartition = /^arn:([^:]+):/.exec(principal)?.[1];
    if (arnPartition !== undefined && arnPartition !== partition)
      problems.push({
        rule: 'stage.auditor',
        message: `auditor principal ${principal} is in partition ${arnPartition}, the stage's region ${region} in ${partition}`,
      });
  });
  return problems;
};

/** SES receives mail in some regions only: a stage elsewhere could never get an answer back. */
const receivesMail: StageRule = ({ region }) =>
  (SES_RECEIVING_REGIONS as readonly string[]).includes(region)
    ? []
    : [
        {
          rule: 'stage.intake',
          message: `SES does not receive mail in ${region}; deploy to one of ${SES_RECEIVING_REGIONS.join(', ')}`,
        },
      ];

/** The product's default intake address is a placeholder: SES would receive for a domain nobody owns. */
const intakeAddressChosen: StageRule = ({ product }) =>
  product.mail.intakeAddress === productConfigSchema.parse({}).mail.intakeAddress
    ? [
        {
          rule: 'stage.intake',
          message:
            'product.mail.intakeAddress must be set: it is the address offices reply to, and SES receives it for this stage',
        },
      ]
    : [];

export const STAGE_RULES: readonly StageRule[] = [
  bundledCatalogOnly,
  senderInIdentityDomain,
  reportAfterDeadline,
  workflowOutlastsItsSteps,
  ingestReservationCoversEventSource,
  ingestBudgetFitsTimeout,
  auditorPrincipalsUsable,
  receivesMail,
  intakeAddressChosen,
];
