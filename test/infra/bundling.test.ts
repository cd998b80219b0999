import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { afterAll, describe, expect, it } from 'vitest';
import { ProjectFunction } from '../../infra/constructs/project-function';
import { ESM_CJS_BANNER } from '../../infra/lib/esm-banner';
import { FUNCTION_ENTRIES } from '../../infra/lib/function-entries';

const outdir = mkdtempSync(join(tmpdir(), 'strategy-report-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('bundling with the local esbuild', () => {
  it('builds the render function as a minified ESM bundle with its source map, the CJS banner and pdfkit’s data files', () => {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundle');
    const render = FUNCTION_ENTRIES.render;
    new ProjectFunction(stack, 'Render', {
      entry: render.entry,
      description: render.description,
      memorySize: 1_024,
      timeout: Duration.minutes(1),
      concurrency: { reserved: 1 },
      encryptionKey: new kms.Key(stack, 'Key'),
      logRetention: logs.RetentionDays.ONE_WEEK,
      logRemovalPolicy: RemovalPolicy.DESTROY,
      ...(render.bundling ? { bundling: render.bundling } : {}),
    });
    app.synth();

    const [asset] = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    if (!asset) throw new Error('no asset was bundled');
    const bundle = join(outdir, asset);
    expect(readFileSync(join(bundle, 'index.mjs'), 'utf8').startsWith(ESM_CJS_BANNER)).toBe(true);
    expect(existsSync(join(bundle, 'index.mjs.map'))).toBe(true);
    for (const file of ['Helvetica.afm', 'sRGB_IEC61966_2_1.icc']) {
      expect(existsSync(join(bundle, 'data', file)), file).toBe(true);
    }
  });
});
