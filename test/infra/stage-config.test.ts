import { describe, expect, it } from 'vitest';
import { parseStageConfig } from '../../infra/config/stage-config';
import { STAGES, stageConfig } from '../../infra/config/stages';
import { InvalidInputError } from '../../shared/domain/errors';

const dev = STAGES.dev;
if (!dev) throw new Error('the dev stage is missing');

const problemsOf = (document: unknown) => {
  try {
    parseStageConfig(document, 'stage.ts');
  } catch (error) {
    if (error instanceof InvalidInputError)
      return error.problems.map((problem) => `${problem.rule}: ${problem.message}`);
    throw error;
  }
  return [];
};

describe('stage configuration', () => {
  it('accepts every shipped stage, product settings included', () => {
    for (const name of Object.keys(STAGES)) expect(stageConfig(name).stage).toBe(name);
    expect(stageConfig('prod').product.markingBanner).toBe('CONTROLLED UNCLASSIFIED INFORMATION');
  });

  it('names an unknown stage and the known ones', () => {
    expect(() => stageConfig('staging')).toThrow(/unknown stage "staging"; known stages: dev, prod/);
  });

  it('requires COMPLIANCE retention in production and GOVERNANCE elsewhere', () => {
    expect(problemsOf({ ...dev, production: true, auditor: { ...dev.auditor, requireMfa: true } })).toEqual([
      'stage.schema: retention.reportsMode: retention.reportsMode must be COMPLIANCE in production stages and GOVERNANCE elsewhere',
    ]);
    expect(problemsOf({ ...dev, retention: { ...dev.retention, reportsMode: 'COMPLIANCE' } })).toHaveLength(
      1,
    );
  });

  it('validates the product settings with the functions’ own schema', () => {
    expect(problemsOf({ ...dev, product: { ...dev.product, timeZone: 'Mars/Olympus' } })).toEqual([
      'config.schema: timeZone: not an IANA time zone such as America/New_York',
    ]);
    expect(problemsOf({ ...dev, product: { ...dev.product, catalogFile: 'my-catalog.json' } })[0]).toMatch(
      /^stage\.catalog: product\.catalogFile cannot be used in AWS/,
    );
  });

  it('refuses a report day before the submission deadline', () => {
    expect(problemsOf({ ...dev, schedules: { ...dev.schedules, reportDay: 5 } })).toEqual([
      'stage.schedule: schedules.reportDay (5) must not come before the submission deadline day (10)',
    ]);
  });

  it('starts the month-end workflow once, at reportTime, and refuses a workflow timeout its steps cannot fit in', () => {
    expect(problemsOf({ ...dev, schedules: { ...dev.schedules, reportTime: '25:00' } })).toEqual([
      'stage.schema: schedules.reportTime: a time of day as HH:MM (24 h)',
    ]);
    // rollup 300 s + render 300 s + notify 120 s + review 300 s + notify (the pack) 120 s = 19 minutes.
    expect(problemsOf({ ...dev, monthEnd: { ...dev.monthEnd, timeoutMinutes: 18 } })).toEqual([
      'stage.month-end: monthEnd.timeoutMinutes (18) is shorter than the rollup, render, notify, review and notify (the pack) timeouts together (19 minutes)',
    ]);
    expect(problemsOf({ ...dev, monthEnd: { ...dev.monthEnd, timeoutMinutes: 19 } })).toEqual([]);
  });

  it('refuses an upload time budget that a batch of uploads could not spend within the ingest timeout', () => {
    const withBudget = (timeBudgetSeconds: number) => ({
      ...dev,
      product: { ...dev.product, limits: { ...dev.product.limits, timeBudgetSeconds } },
    });
    // 5 uploads a batch, 120 s timeout: 18 s each is 90 s, three quarters of it.
    expect(problemsOf(withBudget(18))).toEqual([]);
    expect(problemsOf(withBudget(19))).toEqual([
      'stage.ingest-budget: ingest.batchSize (5) × product.limits.timeBudgetSeconds (19) is 95 s, more than three quarters of functions.ingest.timeoutSeconds (120)',
    ]);
  });

  it('reserves no concurrency unless the stage opts in, and then enough for the ingest event source', () => {
    for (const name of Object.keys(STAGES)) {
      for (const sizing of Object.values(stageConfig(name).functions)) {
        expect(sizing.reservedConcurrency).toBeUndefined();
      }
    }
    const withReservations = (ingest: number) => ({
      ...dev,
      functions: {
        ...dev.functions,
        ingest: { ...dev.functions.ingest, reservedConcurrency: ingest },
        render: { ...dev.functions.render, reservedConcurrency: 1 },
      },
    });
    expect(problemsOf(withReservations(dev.ingest.maxConcurrency))).toEqual([]);
    expect(problemsOf(withReservations(dev.ingest.maxConcurrency - 1))).toEqual([
      `stage.concurrency: functions.ingest.reservedConcurrency (${dev.ingest.maxConcurrency - 1}) is below ingest.maxConcurrency (${dev.ingest.maxConcurrency}); raise it or leave it out`,
    ]);
  });

  it('requires auditor principals, each once, in the stage’s partition, and MFA in production', () => {
    const auditor = (principals: string[], requireMfa = false) => ({
      ...dev,
      auditor: { principals, requireMfa },
    });
    expect(problemsOf(auditor([]))).toEqual([
      'stage.schema: auditor.principals: name at least one IAM principal (account id, role or user ARN) allowed to assume the auditor role',
    ]);
    expect(problemsOf(auditor(['StrategyReportAuditors']))).toEqual([
      'stage.schema: auditor.principals[0]: an account id, or the ARN of an IAM role or user (arn:aws:iam::<account>:role/<name>)',
    ]);
    expect(problemsOf(auditor(['111111111111', '111111111111']))).toEqual([
      'stage.auditor: auditor.principals names 111111111111 twice',
    ]);
    expect(problemsOf(auditor(['arn:aws-us-gov:iam::111111111111:role/Auditors']))).toEqual([
      "stage.auditor: auditor principal arn:aws-us-gov:iam::111111111111:role/Auditors is in partition aws-us-gov, the stage's region us-east-1 in aws",
    ]);
    const prod = STAGES.prod;
    if (!prod) throw new Error('the prod stage is missing');
    expect(problemsOf({ ...prod, auditor: { ...prod.auditor, requireMfa: false } })).toEqual([
      'stage.schema: auditor.requireMfa: auditor.requireMfa must be true in production stages',
    ]);
  });

  it('reports every problem of a stage at once, each naming the file', () => {
    try {
      parseStageConfig(
        {
          ...dev,
          schedules: { ...dev.schedules, reportDay: 5 },
          auditor: { principals: ['111111111111', '111111111111'], requireMfa: false },
        },
        'stage.ts',
      );
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      expect(error.problems.map((problem) => `${problem.file} ${problem.rule}`)).toEqual([
        'stage.ts stage.schedule',
        'stage.ts stage.auditor',
      ]);
      return;
    }
    throw new Error('the stage was accepted');
  });

  it('requires the sender to belong to the SES domain identity', () => {
    expect(
      problemsOf({ ...dev, mail: { ...dev.mail, identity: { kind: 'domain', domain: 'agency.example' } } }),
    ).toEqual([
      'stage.mail: the sender strategy-report@example.gov is not an address of the SES identity domain agency.example',
    ]);
  });

  it('accepts only retention periods CloudWatch Logs offers, and real account ids', () => {
    expect(problemsOf({ ...dev, retention: { ...dev.retention, logDays: 100 } })[0]).toMatch(
      /^stage\.schema: retention\.logDays: one of 1, 3, 5/,
    );
    expect(problemsOf({ ...dev, account: '1234' })).toEqual([
      'stage.schema: account: a 12-digit AWS account id',
    ]);
  });
});
