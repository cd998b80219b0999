import { createReadStream, writeFileSync } from 'node:fs';
import { canonicalJson } from '../shared/domain/canonical-json';
import { parsePeriod } from '../shared/domain/period';
import { computeRollup } from '../shared/domain/rollup/compute-rollup';
import { previousSnapshotOf } from '../shared/domain/rollup/rollup-inputs';
import { rollupSnapshotSchema } from '../shared/domain/rollup/rollup-snapshot';
import { sha256Hex } from '../shared/domain/sha256';
import { writePreviousLines } from './loaded-snapshot';
import { collectGarbage, type PlanShape, submissionsFor, syntheticCatalog } from './synthetic-progress';

/**
 * Run in child processes by rollup.bench.ts, so that neither making its previous snapshot nor
 * loading it whole counts in the bench process's own peak memory:
 * - `write <shape JSON> <period> <lines file> <bytes file>`: rolls up the period with every office
 *   submitting, and writes the snapshot as JSON lines for the bench (loaded-snapshot.ts) and as
 *   the canonical JSON bytes storeSnapshot writes;
 * - `load <bytes file>`: loads those bytes as loadSnapshot does — the object store's
 *   chunks joined into one buffer, its SHA-256, one UTF-8 string, JSON.parse, the schema — keeps
 *   what rollupPeriod keeps (previousSnapshotOf), and reports its peak and resident memory.
 */
const [mode, ...args] = process.argv.slice(2);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

if (mode === 'write') {
  const [shape, period, linesFile, bytesFile] = args as [string, string, string, string];
  const catalog = syntheticCatalog(JSON.parse(shape) as PlanShape);
  const snapshot = computeRollup({
    catalog,
    period: parsePeriod(period),
    submissions: submissionsFor(catalog, parsePeriod(period), () => true),
    previous: null,
    history: [],
  });
  await writePreviousLines(snapshot, linesFile);
  writeFileSync(bytesFile, canonicalJson(snapshot));
  process.stdout.write(JSON.stringify({ rows: snapshot.rows.length }));
} else if (mode === 'load') {
  const [bytesFile] = args as [string];
  const baselineMb = mb(process.memoryUsage().rss);
  const loaded = await load(bytesFile);
  collectGarbage();
  process.stdout.write(
    JSON.stringify({
      ...loaded.facts,
      rows: loaded.held.rows.length,
      baselineMb,
      heldHeapMb: mb(process.memoryUsage().heapUsed),
      peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    }),
  );
} else {
  throw new Error(`unknown mode ${mode}`);
}

async function load(bytesFile: string) {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(bytesFile)) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  chunks.length = 0;
  const facts = { bytesMb: mb(bytes.length), sha256: sha256Hex(bytes) };
  return { facts, held: previousSnapshotOf(rollupSnapshotSchema.parse(JSON.parse(bytes.toString('utf8')))) };
}
