import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { storeSnapshot } from '../../shared/use-cases/snapshot-storage';
import { type BundleFormat, bundleFunction, invokeBundledHandler } from '../support/bundle-function';
import { lambdaContext } from '../support/lambda-context';
import { populatedSnapshot } from '../support/populated-snapshot';
import { pdfInfo, pdfPageTexts } from '../support/report-text';

/**
 * The render function as it runs in Lambda: one esbuild bundle, no node_modules beside it. Its
 * fonts and ICC profile must come from inside the bundle, or the PDF cannot be made.
 */
describe('the bundled render function', () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await openLocalRuntime();
    const deps = localDependencies(runtime, { catalog: defaultCatalog(), config: parseProductConfig({}) });
    for (const period of ['2026-10', '2026-11'])
      await storeSnapshot(
        deps,
        populatedSnapshot({ period: parsePeriod(period) }),
        new Date('2026-12-05T12:00:00Z'),
      );
  });
  afterAll(async () => {
    await runtime?.close();
  });

  // Invoked as Lambda invokes it, with a context.
  const runBundle = (file: string, format: BundleFormat, period: string) =>
    invokeBundledHandler(
      runtime,
      { file, format },
      {
        event: { period },
        context: lambdaContext('strategy-report-render', `request-${format}`),
        productConfig: { markingBanner: 'CUI' },
      },
    );

  it.each([
    ['cjs', '2026-10'],
    ['esm', '2026-11'],
  ] as const)('renders a PDF/A brief with embedded fonts from a %s bundle', async (format, period) => {
    const bundle = await bundleFunction('functions/render/index.ts', format);
    expect(bundle.bytes).toBeGreaterThan(0);
    const run = await runBundle(bundle.file, format, period);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const { result } = lines.at(-1) as {
      result: { outcome: string; files: { name: string; key: string }[] };
    };
    expect(result.outcome).toBe('rendered');
    // The bundle logs as Powertools does in Lambda: JSON with the request id and the period.
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: 'report rendered',
        function_request_id: `request-${format}`,
        period,
      }),
    );

    const reports = localDependencies(runtime, {
      catalog: defaultCatalog(),
      config: parseProductConfig({}),
    }).reportObjects;
    const pdf = await reports.get(result.files.find((file) => file.name === 'brief.pdf')?.key ?? '');
    const pages = await pdfPageTexts(pdf);
    expect(pages[0]).toContain('5 of 6 offices reported');
    expect(pages[0]).toContain('CUI');
    expect(pages.join(' ')).toContain('Status by goal');
    const { info } = await pdfInfo(pdf);
    expect(info).toMatchObject({ PDFFormatVersion: '1.7', Language: 'en-US' });
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    // Tagged by the hooks the bundle carries: headings and figures with their alternative text.
    expect(raw).toMatch(/\/S \/H1\b/);
    expect(raw).toMatch(/\/S \/Figure\n\/Alt \(/);
  });
});
