import type { StageDefinition } from '../stage-config';

/**
 * The production stage: COMPLIANCE-mode Object Lock for seven years, table deletion protection,
 * a year of logs. Replace the account, addresses and auditor principal with your own.
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
    rollupTime: '06:00',
    renderTime: '06:30',
    notifyTime: '07:00',
    remindTime: '08:00',
    retryAttempts: 2,
    maxEventAgeMinutes: 120,
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
    rollup: { memoryMb: 1_024, timeoutSeconds: 300, reservedConcurrency: 1 },
    render: { memoryMb: 2_048, timeoutSeconds: 300, reservedConcurrency: 1 },
    notify: { memoryMb: 512, timeoutSeconds: 120, reservedConcurrency: 1 },
    remind: { memoryMb: 512, timeoutSeconds: 120, reservedConcurrency: 1 },
    intake: { memoryMb: 1_024, timeoutSeconds: 60, reservedConcurrency: 2 },
    resend: { memoryMb: 512, timeoutSeconds: 120, reservedConcurrency: 1 },
  },
  alarmEmail: 'operations@agency.example.gov',
  auditor: { principals: ['arn:aws:iam::222222222222:role/StrategyReportAuditors'], requireMfa: false },
};
