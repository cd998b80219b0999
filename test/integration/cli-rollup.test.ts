import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { runCli } from '../../shared/cli/run-cli';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import type { ProgressRow } from '../../shared/domain/progress';
import { rollupSnapshotSchema } from '../../shared/domain/rollup/rollup-snapshot';
import { sha256Hex } from '../../shared/domain/sha256';
import { localDependencies } from '../../shared/local/local-dependencies';
import { openLocalRuntime } from '../../shared/local/local-runtime';
import { newRevision } from '../support/fixtures';
import { temporaryDataDirectory } from '../support/local-runtime';

const catalog = defaultCatalog();
const OCTOBER = parsePeriod('2026-10');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

/** OFO and USBP submit October (OFO twice); OFO has one rejected upload; the others are missing. */
async function seed(dataDirectory: string) {
  const runtime = await openLocalRuntime({ dataDirectory });
  try {
    const deps = localDependencies(runtime, { catalog, config: parseProductConfig({}) });
    const rows = (office: string, status: ProgressRow['status']): ProgressRow[] =>
      catalog.activitiesOf(office).map((activity, index) => ({
        activityId: activity.id,
        status: index === 0 ? 'Off Track' : status,
        percentComplete: status === 'Complete' ? 100 : 40,
        ...(index === 0 ? { risksAndIssues: `${office} lacks staff`, percentComplete: 10 } : {}),
      }));
    for (const [office, revision, status] of [
      ['OFO', 1, 'On Track'],
      ['OFO', 2, 'On Track'],
      ['USBP', 1, 'Not Started'],
    ] as const) {
      const submitted = rows(office, status);
      await deps.progress.commitRevision(
        newRevision({
          office,
          period: OCTOBER,
          submissionId: `${office}-${revision}`,
          sha256: sha256Hex(`${office}${revision}`),
          uploader: `${office.toLowerCase()}.lead@example.gov`,
          acceptedAt: `2026-11-0${revision}T14:00:00.000Z`,
          rowCount: submitted.length,
        }),
        submitted,
        new Date(),
      );
    }
    await deps.history.record({
      submissionId: 'OFO-bad',
      office: 'OFO',
      period: OCTOBER,
      receivedAt: '2026-11-01T09:00:00.000Z',
      uploader: 'ofo.lead@example.gov',
      sha256: sha256Hex('bad'),
      size: 10,
      source: { bucket: 'uploads', key: 'uploads/OFO/2026-10/bad.xlsx' },
      outcome: 'rejected',
      problems: [{ rule: 'file.empty', message: 'the file is empty' }],
    });
  } finally {
    await runtime.close();
  }
}

describe('strategy-report rollup and status', () => {
  const dataDir = temporaryDataDirectory('cli-rollup');
  beforeAll(async () => {
    await seed(dataDir);
  });

  it('rollup --json prints the whole snapshot and that it was stored as version 1', async () => {
    const { io, out, err } = capture();
    expect(await runCli(['--data-dir', dataDir, 'rollup', '--period', '2026-10', '--json'], io), err()).toBe(
      0,
    );
    const printed = JSON.parse(out());
    expect(printed).toMatchObject({
      outcome: 'stored',
      record: {
        period: '2026-10',
        version: 1,
        key: expect.stringMatching(/^snapshots\/2026-10\/[0-9a-f]{64}\.json$/),
      },
    });
    const snapshot = rollupSnapshotSchema.parse(printed.snapshot);
    expect(snapshot.inputs.map((input) => [input.office, input.revision])).toEqual([
      ['OFO', 2],
      ['USBP', 1],
    ]);
    expect(snapshot.agency).toMatchObject({
      expected: 106,
      reported: catalog.activitiesOf('OFO').length + catalog.activitiesOf('USBP').length,
    });
    expect(printed.record.inputHash).toBe(snapshot.inputHash);
  });

  it('rollup prints the summary as text, and says unchanged on a re-run', async () => {
    const { io, out, err } = capture();
    expect(await runCli(['--data-dir', dataDir, 'rollup', '--period', '2026-10'], io), err()).toBe(0);
    const text = out();
    expect(text).toContain(
      'Rollup 2026-10 (as of 2026-10-31): unchanged — version 1 already holds these inputs',
    );
    expect(text).toContain('Offices reported: 2 of 6 (OFO r2, USBP r1)');
    expect(text).toMatch(/^Agency +\S/m);
    for (const goal of catalog.goals) expect(text).toContain(`Goal ${goal.id}: `);
    expect(text).toContain('Mission area: Secure the Border');
    expect(text).toContain('What moved\n  nothing to compare with: no snapshot of the previous period');
    expect(text).toContain('Top risks (2 of 2)\n  1. 1.1.4 OFO — Off Track, 10.0%');
    expect(text).toContain('risks and issues: OFO lacks staff');
    expect(text).toContain('offices without a submission: AMO, OT, OS, ES');
  });

  it('status --json gives each office: submitted or missing, revision, when, by whom, rows, rejected uploads', async () => {
    const { io, out, err } = capture();
    expect(await runCli(['--data-dir', dataDir, 'status', '--period', '2026-10', '--json'], io), err()).toBe(
      0,
    );
    const status = JSON.parse(out());
    expect(status).toMatchObject({ period: '2026-10', submitted: 2, expected: 6 });
    expect(status.offices[0]).toEqual({
      office: 'OFO',
      name: 'Office of Field Operations',
      expectedRows: catalog.activitiesOf('OFO').length,
      submitted: true,
      revision: 2,
      submissionId: 'OFO-2',
      acceptedAt: '2026-11-02T14:00:00.000Z',
      uploader: 'ofo.lead@example.gov',
      rows: catalog.activitiesOf('OFO').length,
      rejectedAttempts: 1,
      attempts: 1,
    });
    expect(
      status.offices.map((office: { office: string; submitted: boolean }) => [
        office.office,
        office.submitted,
      ]),
    ).toEqual([
      ['OFO', true],
      ['USBP', true],
      ['AMO', false],
      ['OT', false],
      ['OS', false],
      ['ES', false],
    ]);
  });

  it('status prints a table', async () => {
    const { io, out, err } = capture();
    expect(await runCli(['--data-dir', dataDir, 'status', '--period', '2026-10'], io), err()).toBe(0);
    const lines = out().split('\n');
    expect(lines[0]).toBe('Submissions for 2026-10: 2 of 6 offices');
    expect(lines[1]).toMatch(/^office +status +revision +accepted at +by +rows +rejected$/);
    expect(lines[2]).toMatch(
      /^OFO +submitted +r2 +2026-11-02T14:00:00\.000Z +ofo\.lead@example\.gov +22\/22 +1$/,
    );
    expect(lines[4]).toMatch(/^AMO +missing +— +— +— +0\/10 +0$/);
  });

  it('exits 2 with one line for a bad period, and stores nothing', async () => {
    for (const command of ['rollup', 'status']) {
      const { io, err } = capture();
      expect(await runCli(['--data-dir', dataDir, command, '--period', '2026-13'], io)).toBe(2);
      expect(err().trim().split('\n')).toEqual([
        'error: option --period: "2026-13" is not a reporting period: use YYYY-MM between 2000 and 2100, e.g. 2026-10 [period.format]',
      ]);
    }
    const runtime = await openLocalRuntime({ dataDirectory: dataDir });
    try {
      const deps = localDependencies(runtime, { catalog, config: parseProductConfig({}) });
      expect((await deps.snapshotIndex.versions(OCTOBER)).map((record) => record.version)).toEqual([1]);
    } finally {
      await runtime.close();
    }
  });
});
