import type { Period } from '../../domain/period';
import type { ReportPeriod } from '../../domain/report/report-period';

/**
 * Partition and sort keys of every item type in the single table (docs/architecture.md).
 * Office codes and periods are validated before they get here; ids never come from free text.
 */
const pad = (revision: number) => String(revision).padStart(6, '0');

export const itemKeys = {
  /** The item collection of one office's submissions for one period. */
  submissions: (period: Period, office: string) => `SUB#${period}#${office}`,
  shaClaim: (sha256: string) => `SHA#${sha256}`,
  revisionCounter: 'COUNTER',
  revisionHeader: (revision: number) => `REV#${pad(revision)}`,
  revisionHeaderPrefix: 'REV#',
  attempt: (receivedAt: string, submissionId: string) => `ATTEMPT#${receivedAt}#${submissionId}`,
  attemptPrefix: 'ATTEMPT#',
  /** The rows of one revision live in their own partition, one item per key activity. */
  revisionRows: (period: Period, office: string, revision: number) =>
    `REV#${period}#${office}#${pad(revision)}`,
  row: (activityId: string) => `ROW#${activityId}`,
  /** Current-revision pointers of every office for a period share one partition. */
  period: (period: Period) => `PERIOD#${period}`,
  currentPointer: (office: string) => `CURRENT#${office}`,
  currentPointerPrefix: 'CURRENT#',
  /** GSI1: every attempt of a period, across offices, in time order. */
  attemptsOfPeriod: (period: Period) => `ATTEMPTS#${period}`,
  /** Rollup snapshots of a period: one item per version, plus one per distinct input hash. */
  rollup: (period: Period) => `ROLLUP#${period}`,
  version: (version: number) => `V#${String(version).padStart(4, '0')}`,
  versionPrefix: 'V#',
  snapshotInputs: (inputHash: string) => `INPUTS#${inputHash}`,
  /** GSI1: every snapshot of every period, in period then version order. */
  allSnapshots: 'SNAPSHOTS',
  periodVersion: (period: ReportPeriod, version: number) => `${period}#${String(version).padStart(4, '0')}`,
  /** Rendered reports of a period or quarter (its review pack): one item per published version (`V#`), one per claimed version number. */
  report: (period: ReportPeriod) => `REPORT#${period}`,
  reportClaim: (version: number) => `CLAIM#${String(version).padStart(4, '0')}`,
  reportClaimPrefix: 'CLAIM#',
  /** GSI1: every published report of every period, in period then version order. */
  allReports: 'REPORTS',
  /** The head of the manifest chain across all reports. */
  chain: 'CHAIN',
  chainHead: 'HEAD',
  /** E-mails sent once per period (leadership brief per report version, reminders per day and office). */
  deliveries: (period: string) => `DELIVERY#${period}`,
  /** An answer owed to a submitter (docs/email-intake.md): recorded, then sent from the record. */
  answer: (id: string) => `ANSWER#${id}`,
  answerItem: 'ANSWER',
  /** GSI1 (sparse): every answer not sent yet; the keys are removed once it is sent. */
  unsentAnswers: 'ANSWERS#UNSENT',
  /** A received message, and the outcome of each of its workbooks beside it. */
  inbound: (sesMessageId: string) => `INBOUND#${sesMessageId}`,
  inboundMessage: 'MESSAGE',
  inboundOutcome: (slot: number) => `WORKBOOK#${String(slot).padStart(2, '0')}`,
  inboundOutcomePrefix: 'WORKBOOK#',
  /** GSI1: the messages received in a calendar month (UTC). */
  inboundOfMonth: (month: string) => `INBOUNDS#${month}`,
  /** A sender's Message-ID, claimed by the first message that carried it. */
  messageIdClaim: (hash: string) => `MSGID#${hash}`,
} as const;
