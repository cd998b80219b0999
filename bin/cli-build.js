// The compiled CLI: built once at install (`npm ci` runs `prepare`), used only while it is fresh.
// Plain JavaScript on purpose: it runs before anything can compile TypeScript.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD_DIRECTORY = join(REPOSITORY_ROOT, 'dist', 'cli');
const ENTRY = 'shared/cli/main.ts';
const INFO_FILE = 'build-info.json';
const INFO_FORMAT = 1;

/**
 * The build's entry as a file URL when the build exists and every source file it was built from
 * is exactly as it was then (same size, same modification time; a file gone or changed makes the
 * build stale). Otherwise the reason it cannot be used, so the caller runs from source instead:
 * a stale build is never run.
 */
export function freshCliBuild(options = {}) {
  const root = options.root ?? REPOSITORY_ROOT;
  const directory = options.directory ?? BUILD_DIRECTORY;
  let info;
  try {
    info = JSON.parse(readFileSync(join(directory, INFO_FILE), 'utf8'));
  } catch {
    return { fresh: false, reason: `${relative(root, directory)} is not built` };
  }
  if (info?.format !== INFO_FORMAT || typeof info.entry !== 'string' || typeof info.inputs !== 'object')
    return {
      fresh: false,
      reason: `${relative(root, directory)} was built by another version of this script`,
    };
  for (const [file, recorded] of Object.entries(info.inputs)) {
    let now;
    try {
      now = statSync(join(root, file));
    } catch {
      return { fresh: false, reason: `${file} is gone since the build` };
    }
    if (now.size !== recorded.size || now.mtimeMs !== recorded.mtimeMs)
      return { fresh: false, reason: `${file} changed since the build` };
  }
  return { fresh: true, entry: pathToFileURL(join(directory, info.entry)).href };
}

/**
 * Bundles the CLI with esbuild: ESM, one chunk per command action (each loaded only when its
 * command runs), packages left in node_modules, source maps beside the chunks. Written to a
 * temporary folder and swapped in whole, with the size and modification time of every source file
 * it read, which is what `freshCliBuild` checks.
 */
export async function buildCli(options = {}) {
  const root = options.root ?? REPOSITORY_ROOT;
  const directory = options.directory ?? BUILD_DIRECTORY;
  const esbuild = await import('esbuild');
  const staging = `${directory}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: ENTRY },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    outdir: staging,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs).sort()) {
    const { size, mtimeMs } = statSync(join(root, file));
    inputs[file] = { size, mtimeMs };
  }
  writeFileSync(
    join(staging, INFO_FILE),
    `${JSON.stringify({ format: INFO_FORMAT, entry: 'main.js', builtAt: new Date().toISOString(), inputs }, null, 1)}\n`,
  );
  const previous = `${directory}.previous-${process.pid}`;
  try {
    renameSync(directory, previous);
  } catch {
    // nothing built before
  }
  renameSync(staging, directory);
  rmSync(previous, { recursive: true, force: true });
  return { directory, inputs: Object.keys(inputs).length, metafile: result.metafile };
}
