import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `npm run bench`: runs every bench/*.bench.ts in turn and merges what they return into
 * bench/results/bench.json. A bench file's default export is an async function that prints its
 * figures beside their targets and returns them as a JSON-able object.
 */
const directory = fileURLToPath(new URL('.', import.meta.url));
const files = (await readdir(directory)).filter((name) => name.endsWith('.bench.ts')).sort();
const merged: Record<string, unknown> = { measuredAt: new Date().toISOString(), node: process.version };
for (const name of files) {
  const module = (await import(pathToFileURL(join(directory, name)).href)) as {
    default?: () => Promise<Record<string, unknown>>;
  };
  if (typeof module.default !== 'function') throw new Error(`${name} has no default export to run`);
  process.stdout.write(`\n# ${name}\n`);
  Object.assign(merged, await module.default());
}
await mkdir(join(directory, 'results'), { recursive: true });
await writeFile(join(directory, 'results', 'bench.json'), `${JSON.stringify(merged, null, 2)}\n`);
process.stdout.write(`\nwrote bench/results/bench.json\n`);
