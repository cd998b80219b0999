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
    expect(problemsOf({ ...dev, production: true })).toEqual([
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

  it('refuses a report day before the submission deadline and schedules out of order', () => {
    expect(problemsOf({ ...dev, schedules: { ...dev.schedules, reportDay: 5 } })).toEqual([
      'stage.schedule: schedules.reportDay (5) must not come before the submission deadline day (10)',
    ]);
    expect(problemsOf({ ...dev, schedules: { ...dev.schedules, renderTime: '05:00' } })).toEqual([
      'stage.schema: schedules: rollupTime, renderTime and notifyTime must be in that order on the report day',
    ]);
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
