import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { parseProductConfig } from '../../shared/config/product-config';
import { type DemoRun, runDemo } from '../../shared/demo/run-demo';
import { parsePeriod } from '../../shared/domain/period';
import { sha256Hex } from '../../shared/domain/sha256';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { loadSnapshot } from '../../shared/use-cases/snapshot-storage';

const catalog = defaultCatalog();
const config = parseProductConfig({});
const now = new Date('2026-11-20T12:00:00Z');

describe('the local demo: a year of the whole pipeline through the real handlers', () => {
  let runtime: LocalRuntime;
  let first: DemoRun;
  const lines: string[] = [];

  beforeAll(async () => {
    runtime = await openLocalRuntime();
    first = await runDemo(
      runtime,
      { catalog, config },
      { now, progress: { step: (line) => lines.push(line) } },
    );
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('plays the twelve months before now, one progress line each', () => {
    expect(first.periods[0]).toBe('2025-11');
    expect(first.periods[11]).toBe('2026-10');
    expect(lines).toHaveLength(12);
    expect(lines[11]).toMatch(/^\[12\/12\] 2026-10 {2}6 accepted \(2 by e-mail reply\)/);
  });

  it('stores one current revision per office and month, except the month one office stayed silent', async () => {
    const deps = localDependencies(runtime, { catalog, config });
    for (const period of first.periods) {
      const offices = (await deps.progress.currentRevisions(period)).map((record) => record.office).sort();
      const expected = catalog.offices
        .map((office) => office.code)
        .filter((code) => !(period === '2026-07' && code === 'OT'));
      expect(offices, period).toEqual(expected.sort());
    }
    const attempts = await deps.history.attempts('USBP', parsePeriod('2026-08'));
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['rejected', 'accepted']);
    // The rejected original stays in the bucket beside its correction, byte for byte.
    const [rejected, accepted] = attempts;
    expect(rejected?.source.key).not.toBe(accepted?.source.key);
    const original = await deps.uploads.get(rejected?.source.key ?? expect.unreachable());
    expect(sha256Hex(original)).toBe(rejected?.sha256);
  });

  it('reports the late month twice (without, then with the late office) and carries the silent office forward', async () => {
    const deps = localDependencies(runtime, { catalog, config });
    const late = first.months.find((month) => month.period === '2026-05');
    expect(late).toMatchObject({ snapshotVersions: [1, 2], reportVersions: [1, 2], mailed: 2 });
    const versions = await deps.snapshotIndex.versions(parsePeriod('2026-05'));
    const [withoutAmo, withAmo] = await Promise.all(
      versions.map((record) => loadSnapshot(deps.reportObjects, record)),
    );
    expect(withoutAmo?.completeness.officesMissing).toContain('AMO');
    expect(withAmo?.completeness.officesMissing).toEqual([]);

    const silent = await loadSnapshot(
      deps.reportObjects,
      (await deps.snapshotIndex.latest(parsePeriod('2026-07'))) ?? expect.unreachable(),
    );
    expect(silent.completeness.officesMissing).toEqual(['OT']);
    expect(silent.completeness.carriedForward.length).toBe(catalog.activitiesOf('OT').length);
    expect(silent.agency.reported).toBe(silent.agency.expected - catalog.activitiesOf('OT').length);
  });

  it("stores each office's attestation and the At Risk rows' mitigation, and counts what was sent again unchanged", async () => {
    const deps = localDependencies(runtime, { catalog, config });
    const october = parsePeriod('2026-10');
    for (const revision of await deps.progress.currentRevisions(october)) {
      expect(revision.templateVersion, revision.office).toBe('2');
      expect(revision.attestation?.approvedBy.email, revision.office).toBe(
        `${revision.office.toLowerCase()}.director@example.gov`,
      );
      // Typed the day the workbook was sent; everything else came pre-filled from September.
      expect(revision.attestation?.date, revision.office).toBe(revision.acceptedAt.slice(0, 10));
    }
    const snapshot = await loadSnapshot(
      deps.reportObjects,
      (await deps.snapshotIndex.latest(october)) ?? expect.unreachable(),
    );
    const troubled = snapshot.rows.filter((row) => row.status === 'At Risk' || row.status === 'Off Track');
    expect(troubled.length).toBeGreaterThan(0);
    expect(troubled.every((row) => row.mitigation !== undefined)).toBe(true);
    expect(snapshot.agency.unchanged).toBe(snapshot.rows.filter((row) => row.unchanged).length);
    expect(snapshot.agency.unchanged).toBeGreaterThan(0);
  });

  it('mails each office its workbook when the period opens, then answers, the rejection, reminders and thirteen leadership briefs', () => {
    const messages = readdirSync(runtime.outboxDirectory).filter((name) => name.endsWith('.eml'));
    const total = (key: 'accepted' | 'reminded' | 'mailed' | 'opened' | 'byEmail' | 'refusedMail') =>
      first.months.reduce((sum, month) => sum + month[key], 0);
    expect(total('accepted')).toBe(71);
    expect(total('mailed')).toBe(13);
    expect(total('opened')).toBe(72);
    expect(total('refusedMail')).toBe(1);
    // One review pack per quarter whose last month the year played, each mailed once.
    const packsMailed = first.months.reduce((sum, month) => sum + (month.review?.mailed ?? 0), 0);
    expect(packsMailed).toBe(4);
    expect(messages).toHaveLength(
      total('opened') + total('accepted') + 1 + total('reminded') + total('mailed') + packsMailed,
    );
  });

  it('has two offices answer every month by replying to the open-period e-mail, in its thread, and refuses one spoofed message', async () => {
    expect(first.months.map((month) => month.byEmail)).toEqual(Array(12).fill(2));
    const deps = localDependencies(runtime, { catalog, config });
    const ofo = await deps.progress.currentRevision('OFO', parsePeriod('2026-10'));
    expect(ofo?.uploader).toBe('ofo.submitter@example.gov');
    expect(ofo?.source.key).toMatch(/^uploads\/OFO\/2026-10\/mail-/);
    const answers = await Promise.all(
      readdirSync(runtime.outboxDirectory)
        .filter((name) => name.endsWith('.eml'))
        .map(async (name) => simpleParser(readFileSync(join(runtime.outboxDirectory, name)))),
    );
    const threaded = answers.filter((mail) => mail.inReplyTo !== undefined);
    expect(threaded).toHaveLength(24);
    expect(threaded.every((mail) => /^RE: (OFO|OS) progress workbook/.test(mail.subject ?? ''))).toBe(true);
    // Offices answering by e-mail are told, in the thread, which rows they sent again unchanged.
    expect(
      threaded.some((mail) => /\n {3}Unchanged since \d{4}-\d{2}: \d+ of \d+ rows/.test(mail.text ?? '')),
    ).toBe(true);
    const refused = (await deps.inbound.receivedIn('2026-05')).filter(
      (message) => message.status === 'refused',
    );
    expect(refused).toMatchObject([{ sender: 'ofo.submitter@example.gov', reason: 'dmarc-failed' }]);
  });

  it('changes nothing when run again, and says what it skipped', async () => {
    const outboxBefore = readdirSync(runtime.outboxDirectory).length;
    const again = await runDemo(runtime, { catalog, config }, { now, progress: { step: () => {} } });
    expect(
      again.months.every((month) => month.accepted === 0 && month.rejected === 0 && month.mailed === 0),
    ).toBe(true);
    expect(again.months.map((month) => month.reportVersions)).toEqual(
      first.months.map((month) => [month.reportVersions[month.reportVersions.length - 1]]),
    );
    expect(again.skipped.length).toBeGreaterThanOrEqual(71 + 12);
    expect(readdirSync(runtime.outboxDirectory).length).toBe(outboxBefore);
  });
});
