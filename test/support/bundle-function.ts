import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ESM_CJS_BANNER } from '../../infra/lib/esm-banner';

export type BundleFormat = 'cjs' | 'esm';

/**
 * Bundles a Lambda entry the way the stack does (esbuild, everything included) into a folder
 * outside the repository, so nothing can be found in node_modules at run time.
 */
export async function bundleFunction(
  entry: string,
  format: BundleFormat,
): Promise<{ file: string; bytes: number }> {
  const directory = mkdtempSync(join(tmpdir(), `strategy-report-bundle-${format}-`));
  const file = join(directory, format === 'esm' ? 'index.mjs' : 'index.js');
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    minify: true,
    metafile: true,
    logLevel: 'silent',
    // ESM output has no require, __filename or __dirname; CommonJS dependencies bundled into it
    // (pdfmake's virtual file system reads __dirname) need them: the stack's own banner.
    ...(format === 'esm' ? { banner: { js: ESM_CJS_BANNER } } : {}),
  });
  const output = Object.values(result.metafile.outputs)[0];
  return { file, bytes: output?.bytes ?? 0 };
}
