import type { StageDefinition } from '../stage-config';

/**
 * A development stage. Replace the account, addresses and auditor principal with your own
 * before deploying (README, "Deploying to AWS").
 */
export const dev: StageDefinition = {
  stage: 'dev',
  production: false,
  account: '111111111111',
  region: 'us-east-1',
  product: {
    timeZone: 'America/New_York',
    submissionDeadlineDay: 10,
    reminderDaysBefore: 3,
    mail: {
      sender: 'strategy-report@example.gov',
      leadership: ['leadership@example.gov'],
      officeContacts: {},
      intakeAddress: 'submissions@intake.example.gov',
      // Who may submit by e-mail, per office: addresses and @domain entries.
      officeSubmitters: { OFO: ['@ofo.example.gov'] },
    },
  },
  mail: { identity: { kind: 'email' }, verifyRecipients: true },
  schedules: {
    reportDay: 11,
    reportTime: '06:00',
    remindTime: '08:00',
    retryAttempts: 2,
    maxEventAgeMinutes: 60,
  },
  monthEnd: {
    retry: { intervalSeconds: 30, maxAttempts: 4, backoffRate: 2 },
    timeoutMinutes: 120,
  },
  retention: {
    reportsDays: 30,
    reportsMode: 'GOVERNANCE',
    logDays: 90,
    auditLogDays: 365,
    backupDays: 35,
  },
  ingest: {
    batchSize: 5,
    maxBatchingWindowSeconds: 2,
    maxConcurrency: 5,
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
  alarmEmail: 'operations@example.gov',
  auditor: { principals: ['111111111111'], requireMfa: false },
};
