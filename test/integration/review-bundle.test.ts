import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { storeSnapshot } from '../../shared/use-cases/snapshot-storage';
import { verifyReports } from '../../shared/use-cases/verify-reports';
import { bundleFunction, invokeBundledHandler } from '../support/bundle-function';
import { lambdaContext } from '../support/lambda-context';
import { populatedSnapshot } from '../support/populated-snapshot';
import { pdfPageTexts } from '../support/report-text';

/**
 * The review function as it runs in Lambda: one esbuild bundle (ESM, as the stack builds it), no
 * node_modules beside it, invoked as the month-end workflow invokes it. It must render the pack —
 * fonts and all — from inside the bundle, and publish it on the chain.
 */
describe('the bundled review function', () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await openLocalRuntime();
    const deps = localDependencies(runtime, { catalog: defaultCatalog(), config: parseProductConfig({}) });
    for (const period of ['2026-10', '2026-11'])
      await storeSnapshot(
        deps,
        populatedSnapshot({ period: parsePeriod(period) }),
        new Date(`${period}-28T12:00:00Z`),
      );
  });
  afterAll(async () => {
    await runtime?.close();
  });

  /** The bundle invoked as the workflow invokes it; its log lines (JSON), then its result. */
  const invoke = async (file: string, event: unknown) => {
    const run = await invokeBundledHandler(
      runtime,
      { file, format: 'esm' },
      { event, context: lambdaContext('strategy-report-review', 'request-review') },
    );
    const lines = run.stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    return { status: run.status, lines, stderr: run.stderr };
  };

  it('answers not-quarter-end after November, and renders FY2027-Q1’s pack after December', async () => {
    const bundle = await bundleFunction('functions/review/index.ts', 'esm');
    const november = await invoke(bundle.file, { period: '2026-11' });
    expect(november.stderr).toBe('');
    expect(november.lines.at(-1)).toEqual({
      result: { period: '2026-11', quarter: null, outcome: 'not-quarter-end' },
    });

    const december = await invoke(bundle.file, { period: '2026-12' });
    expect(december.stderr).toBe('');
    expect(december.status).toBe(0);
    const { result } = december.lines.at(-1) as {
      result: { quarter: string; outcome: string; files: { name: string; key: string }[] };
    };
    expect(result).toMatchObject({ quarter: 'FY2027-Q1', outcome: 'rendered', version: 1, sequence: 1 });
    // Logged as Powertools does in Lambda: JSON with the request id and the quarter.
    expect(december.lines).toContainEqual(
      expect.objectContaining({
        message: 'review pack rendered',
        function_request_id: 'request-review',
        quarter: 'FY2027-Q1',
      }),
    );

    const deps = localDependencies(runtime, { catalog: defaultCatalog(), config: parseProductConfig({}) });
    const pdf = await deps.reportObjects.get(
      result.files.find((file) => file.name === 'review.pdf')?.key ?? '',
    );
    expect((await pdfPageTexts(pdf))[0]).toContain('FY2027-Q1');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2 \d+ 0 R/);
    expect((await verifyReports(deps, { kind: 'all' })).ok).toBe(true);
  });
});
