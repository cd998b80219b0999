import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ESM_CJS_BANNER } from '../../infra/lib/esm-banner';
import { ENVIRONMENT_VARIABLES } from '../../shared/config/function-environment';
import type { LocalRuntime } from '../../shared/local/local-runtime';

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

/**
 * Invokes a bundled handler in a child process as Lambda invokes it — with a context, against the
 * embedded servers of `runtime` (the table and the reports bucket), with the product configuration
 * given — and answers its exit status, stdout and stderr: its log lines (JSON) come first on
 * stdout, then `{"result": …}` on a line of its own. Asynchronous: the embedded servers live in
 * this process and must keep answering.
 */
export function invokeBundledHandler(
  runtime: LocalRuntime,
  bundle: { readonly file: string; readonly format: BundleFormat },
  invocation: { readonly event: unknown; readonly context: unknown; readonly productConfig?: unknown },
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { file, format } = bundle;
  const load =
    format === 'esm'
      ? `await import(${JSON.stringify(pathToFileURL(file).href)})`
      : `require(${JSON.stringify(file)})`;
  const script = `(async () => { const { handler } = ${load}; const result = await handler(${JSON.stringify(invocation.event)}, ${JSON.stringify(invocation.context)}); process.stdout.write('\\n' + JSON.stringify({ result })); })().catch((error) => { console.error(error); process.exit(1); });`;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--input-type=commonjs', '-e', script],
      {
        cwd: dirname(file),
        encoding: 'utf8',
        timeout: 90_000,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'S3RVER',
          AWS_SECRET_ACCESS_KEY: 'S3RVER',
          AWS_ENDPOINT_URL_DYNAMODB: runtime.endpoints.dynamodb,
          AWS_ENDPOINT_URL_S3: runtime.endpoints.s3,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          [ENVIRONMENT_VARIABLES.tableName]: runtime.names.tableName,
          [ENVIRONMENT_VARIABLES.reportsBucket]: runtime.names.buckets.reports,
          [ENVIRONMENT_VARIABLES.productConfig]: JSON.stringify(invocation.productConfig ?? {}),
        },
      },
      (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
