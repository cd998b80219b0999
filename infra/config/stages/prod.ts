import type { StageDefinition } from '../stage-config';

/**
 * The production stage: COMPLIANCE-mode Object Lock for seven years, table deletion protection,
 * a year of logs, MFA to assume the auditor role. Replace the account, addresses and auditor
 * principal with your own (README, "Deploying to AWS": what must exist before the deploy).
 */
export const prod: StageDefinition = {
  stage: 'prod',
  production: true,
  account: '222222222222',
  region: 'us-east-1',
  product: {
    timeZone: 'America/New_York',
    submissionDeadlineDay: 10,
    reminderDaysBefore: 3,
    mail: {
      sender: 'strategy-report@agency.example.gov',
      leadership: ['leadership@agency.example.gov'],
      officeContacts: {},
      intakeAddress: 'submissions@agency.example.gov',
      // Who may submit by e-mail, per office: addresses and @domain entries.
      officeSubmitters: {},
    },
    markingBanner: 'CONTROLLED UNCLASSIFIED INFORMATION',
  },
  mail: { identity: { kind: 'domain', domain: 'agency.example.gov' }, verifyRecipients: false },
  schedules: {
    reportDay: 11,
    reportTime: '06:00',
    remindTime: '08:00',
    retryAttempts: 2,
    maxEventAgeMinutes: 120,
  },
  monthEnd: {
    retry: { intervalSeconds: 30, maxAttempts: 4, backoffRate: 2 },
    timeoutMinutes: 120,
  },
  retention: {
    reportsDays: 2_557,
    reportsMode: 'COMPLIANCE',
    logDays: 365,
    auditLogDays: 2_557,
    backupDays: 35,
  },
  ingest: {
    batchSize: 5,
    maxBatchingWindowSeconds: 2,
    maxConcurrency: 10,
    maxReceiveCount: 5,
    oldestMessageAlarmMinutes: 15,
  },
  intake: {
    // The stage's own receipt rule set; activate it once after the first deploy (README).
    ruleSet: { kind: 'own' },
    batchSize: 5,
    maxReceiveCount: 5,
    oldestMessageAlarmMinutes: 15,
    resendEveryMinutes: 10,
  },
  functions: {
    ingest: { memoryMb: 1_536, timeoutSeconds: 120 },
    rollup: { memoryMb: 1_024, timeoutSeconds: 300 },
    render: { memoryMb: 2_048, timeoutSeconds: 300 },
    notify: { memoryMb: 512, timeoutSeconds: 120 },
    review: { memoryMb: 2_048, timeoutSeconds: 300 },
    remind: { memoryMb: 512, timeoutSeconds: 120 },
    intake: { memoryMb: 1_024, timeoutSeconds: 60 },
    resend: { memoryMb: 512, timeoutSeconds: 120 },
  },
  alarmEmail: 'operations@agency.example.gov',
  // The role must exist before the deploy (IAM refuses a trust policy naming one that does not);
  // production sessions assuming the auditor role must be MFA-authenticated.
  auditor: { principals: ['arn:aws:iam::222222222222:role/StrategyReportAuditors'], requireMfa: true },
};
