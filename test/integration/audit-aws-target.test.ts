import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { runCli } from '../../shared/cli/run-cli';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import { sha256Hex } from '../../shared/domain/sha256';
import { createRenderHandler, runRender } from '../../shared/entries/render-entry';
import { localDependencies } from '../../shared/local/local-dependencies';
import { openLocalRuntime } from '../../shared/local/local-runtime';
import type { ReportRecord } from '../../shared/ports/report-index';
import { storeSnapshot } from '../../shared/use-cases/snapshot-storage';
import { populatedSnapshot } from '../support/populated-snapshot';
import {
  PRODUCTION,
  type RecordedWorld,
  recordWorld,
  runCliOnStack,
  serveWorld,
} from '../support/recorded-aws';

const cli = (args: string[]) => runCliOnStack(args);

const READS = {
  dynamodb: ['QueryCommand', 'GetCommand'],
  s3: ['GetObjectCommand', 'HeadObjectCommand'],
};

/**
 * The auditor's commands against a deployed stack (`--target aws --stack NAME`), with every AWS
 * client mocked (aws-sdk-client-mock) to answer from what a real local run stored. Each test checks
 * the calls: the stack's outputs read once, only reads, only on the stack's table and reports bucket.
 */
describe('reports and history with --target aws --stack NAME', () => {
  let world: RecordedWorld;
  let aws: ReturnType<typeof serveWorld>;
  let records: ReportRecord[];

  const commandNames = (mock: { calls(): { args: unknown[] }[] }) =>
    mock.calls().map((call) => (call.args[0] as { constructor: { name: string } }).constructor.name);
  const inputs = <T>(mock: { calls(): { args: unknown[] }[] }) =>
    mock.calls().map((call) => (call.args[0] as { input: T }).input);

  /** Read-only, on the right resources: what the auditor role allows and nothing more. */
  function expectReadOnly(options: { s3: boolean }) {
    expect(inputs<{ StackName: string }>(aws.cloudformation)).toEqual([{ StackName: PRODUCTION.stack }]);
    for (const name of commandNames(aws.documents)) expect(READS.dynamodb).toContain(name);
    for (const input of inputs<{ TableName: string }>(aws.documents))
      expect(input.TableName).toBe(PRODUCTION.table);
    for (const name of commandNames(aws.s3)) expect(READS.s3).toContain(name);
    for (const input of inputs<{ Bucket: string }>(aws.s3)) expect(input.Bucket).toBe(PRODUCTION.reports);
    if (!options.s3) expect(aws.s3.calls()).toEqual([]);
    expect(aws.dynamodb.calls()).toEqual([]);
    expect(aws.ses.calls()).toEqual([]);
  }
  const s3Keys = () => inputs<{ Key: string }>(aws.s3).map((input) => input.Key);

  beforeAll(async () => {
    const runtime = await openLocalRuntime();
    try {
      const deps = localDependencies(runtime, { catalog: defaultCatalog(), config: parseProductConfig({}) });
      for (const period of ['2026-08', '2026-09'])
        await storeSnapshot(
          deps,
          populatedSnapshot({ period: parsePeriod(period) }),
          new Date(`${period}-28T12:00:00Z`),
        );
      const render = createRenderHandler(deps);
      await render({ period: '2026-08' });
      await render({ period: '2026-09' });
      // `render --force`: the command line's option, not the function's.
      await runRender(deps, { period: parsePeriod('2026-08'), force: true });
      await deps.history.record({
        submissionId: 's1',
        office: 'OFO',
        period: parsePeriod('2026-10'),
        receivedAt: '2026-11-03T10:00:00.000Z',
        uploader: 'clerk@agency.example',
        sha256: 'c'.repeat(64),
        size: 2048,
        source: { bucket: PRODUCTION.uploads, key: 'uploads/OFO/2026-10/OFO.xlsx', versionId: 'v1' },
        outcome: 'rejected',
        problems: [{ rule: 'status.allowed-values', message: 'bad status', row: 3 }],
        problemCount: 1,
      });
      records = await deps.reportIndex.inRange(parsePeriod('2026-01'), parsePeriod('2026-12'));
      world = await recordWorld(runtime);
    } finally {
      await runtime.close();
    }
    // Credentials as the standard chain finds them (an assumed-role session's environment).
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAAUDITOREXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'auditor-secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'auditor-session-token');
    aws = serveWorld(world);
  });
  beforeEach(() => aws.resetHistory());
  afterAll(() => {
    aws?.restore();
    vi.unstubAllEnvs();
  });

  it('reports list: one Query on gsi1, never a Scan, no object read', async () => {
    const listed = await cli(['reports', 'list', '--json']);
    expect(listed.code, listed.err).toBe(0);
    expect(JSON.parse(listed.out)).toEqual(records);
    expect(commandNames(aws.documents)).toEqual(['QueryCommand']);
    expect(inputs<{ IndexName: string; ExpressionAttributeValues: unknown }>(aws.documents)[0]).toMatchObject(
      {
        IndexName: 'gsi1',
        // Every monthly report, then every quarterly review pack (keys sort months first).
        ExpressionAttributeValues: { ':pk': 'REPORTS', ':from': '2000-01#', ':to': 'FY2100-Q4#~' },
      },
    );
    expectReadOnly({ s3: false });
  });

  it('reports verify --all and PERIOD: reads every manifest, file and snapshot, writes nothing', async () => {
    const all = await cli(['reports', 'verify', '--all']);
    expect(all.code, all.err).toBe(0);
    expect(all.out).toContain(
      'checked 3 reports, 3 manifests, 3 links, 12 files, 2 snapshots, 3 index items: every hash matches.',
    );
    const expected = [
      ...records.flatMap((record) => [record.manifestKey, ...record.files.map((file) => file.key)]),
      ...new Set(records.map((record) => record.snapshot?.key as string)),
    ].sort();
    expect([...new Set(s3Keys())].sort()).toEqual(expected);
    expectReadOnly({ s3: true });

    aws.resetHistory();
    const one = await cli(['reports', 'verify', '2026-09', '--json']);
    expect(one.code, one.err).toBe(0);
    expect(JSON.parse(one.out)).toMatchObject({
      ok: true,
      scope: '2026-09',
      counts: { reports: 1, files: 4 },
    });
    expectReadOnly({ s3: true });
  });

  it('reports verify names a tampered file in the bucket and exits 2', async () => {
    const key = records[2]?.files[0]?.key as string;
    const original = world.buckets.reports.get(key) as Buffer;
    const changed = Buffer.from(original);
    changed[10] = (changed[10] as number) ^ 1;
    world.buckets.reports.set(key, changed);
    try {
      const result = await cli(['reports', 'verify']);
      expect(result.code).toBe(2);
      expect(result.err.trim().split('\n')).toHaveLength(1);
      expect(result.err).toContain(`first: ${key} has SHA-256 ${sha256Hex(changed)}`);
    } finally {
      world.buckets.reports.set(key, original);
    }
    expectReadOnly({ s3: true });
  });

  it('reports get: the latest version via Query, four objects read and checked, written locally', async () => {
    const out = mkdtempSync(join(tmpdir(), 'audit-aws-get-'));
    const got = await cli(['reports', 'get', '2026-08', '--out', out]);
    expect(got.code, got.err).toBe(0);
    const latest = records.find(
      (record) => record.period === '2026-08' && record.version === 2,
    ) as ReportRecord;
    expect(s3Keys()).toEqual([latest.manifestKey, ...latest.files.map((file) => file.key)]);
    for (const file of latest.files)
      expect(sha256Hex(readFileSync(join(out, '2026-08', 'v0002', file.name)))).toBe(file.sha256);
    expect(
      inputs<{ KeyConditionExpression: string; ExpressionAttributeValues: unknown }>(aws.documents),
    ).toEqual([
      expect.objectContaining({
        ExpressionAttributeValues: { ':pk': 'REPORT#2026-08', ':prefix': 'V#' },
        Limit: 1,
      }),
    ]);
    expectReadOnly({ s3: true });
  });

  it('reports url: a SigV4 link to the stack bucket, signed with the session, for at most 7 days', async () => {
    const url = await cli(['reports', 'url', '2026-09', '--format', 'xlsx', '--expires', '604800', '--json']);
    expect(url.code, url.err).toBe(0);
    const answer = JSON.parse(url.out);
    const link = new URL(answer.url);
    expect(`${link.origin}${link.pathname}`).toBe(
      `https://s3.${PRODUCTION.region}.amazonaws.com/${PRODUCTION.reports}/reports/2026-09/v0001/workbook.xlsx`,
    );
    expect(link.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(link.searchParams.get('X-Amz-Expires')).toBe('604800');
    expect(link.searchParams.get('X-Amz-Credential')).toMatch(
      /^ASIAAUDITOREXAMPLE\/\d{8}\/us-east-1\/s3\/aws4_request$/,
    );
    expect(link.searchParams.get('X-Amz-Security-Token')).toBe('auditor-session-token');
    expect(answer.sha256).toBe(records[2]?.files.find((file) => file.name === 'workbook.xlsx')?.sha256);
    // Signing is local: the only object read is the manifest (for the file's hash).
    expect(s3Keys()).toEqual([records[2]?.manifestKey]);
    expectReadOnly({ s3: true });

    aws.resetHistory();
    const tooLong = await cli(['reports', 'url', '2026-09', '--expires', '604801']);
    expect(tooLong.code).toBe(2);
    expect(tooLong.err).toContain('[url.expires]');
    // Refused before any call to AWS.
    expect(aws.cloudformation.calls()).toEqual([]);
  });

  it('reports reproduce: reads the manifest, the snapshot it names and the files; renders in memory', async () => {
    const reproduced = await cli(['reports', 'reproduce', '2026-08', '--version', '1', '--json']);
    expect(reproduced.code, reproduced.err).toBe(0);
    expect(JSON.parse(reproduced.out)).toMatchObject({ matches: true, period: '2026-08', version: 1 });
    const first = records[0] as ReportRecord;
    expect(s3Keys()).toEqual([
      first.manifestKey,
      first.snapshot?.key,
      ...first.files.map((file) => file.key),
    ]);
    expectReadOnly({ s3: true });
  });

  it('history: one Query of the office and period, one GetItem of its current revision, one Query of the mail received in its window', async () => {
    const history = await cli(['history', '--office', 'OFO', '--period', '2026-10', '--json']);
    expect(history.code, history.err).toBe(0);
    expect(JSON.parse(history.out)).toMatchObject({
      office: 'OFO',
      current: null,
      attempts: [{ submissionId: 's1', outcome: 'rejected', problems: [{ rule: 'status.allowed-values' }] }],
    });
    expect(commandNames(aws.documents).sort()).toEqual(['GetCommand', 'QueryCommand', 'QueryCommand']);
    expect(
      inputs<{ ExpressionAttributeValues?: unknown; Key?: unknown; IndexName?: string }>(aws.documents),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ExpressionAttributeValues: { ':pk': 'SUB#2026-10#OFO', ':prefix': 'ATTEMPT#' },
        }),
        expect.objectContaining({ Key: { pk: 'PERIOD#2026-10', sk: 'CURRENT#OFO' } }),
        expect.objectContaining({
          IndexName: 'gsi1',
          ExpressionAttributeValues: { ':pk': 'INBOUNDS#2026-11' },
        }),
      ]),
    );
    expectReadOnly({ s3: false });
  });

  it('says so in one line when the stack is not the stateful stack', async () => {
    aws.cloudformation.on(DescribeStacksCommand, { StackName: 'Other-Stack' }).resolves({
      Stacks: [
        { StackName: 'Other-Stack', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [] },
      ],
    });
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ['--target', 'aws', '--stack', 'Other-Stack', '--region', 'us-east-1', 'reports', 'list'],
      { out: (text) => out.push(text), err: (text) => err.push(text) },
    );
    expect(code).toBe(2);
    expect(err).toEqual([
      'error: stack Other-Stack has no output TableName: is it the strategy-report stateful stack? [stack.outputs]',
    ]);
  });
});
