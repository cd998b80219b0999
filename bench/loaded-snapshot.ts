import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { canonicalJson } from '../shared/domain/canonical-json';
import { type PreviousSnapshot, previousSnapshotOf } from '../shared/domain/rollup/rollup-inputs';
import {
  type RollupSnapshot,
  rollupSnapshotSchema,
  snapshotRowSchema,
} from '../shared/domain/rollup/rollup-snapshot';

/**
 * The previous period's snapshot as the rollup holds it in production, not as computeRollup
 * returned it: loadSnapshot parses the stored canonical JSON and checks it against
 * the schema (new objects with only the fields present, keys in schema order, strings from
 * JSON.parse), and rollupPeriod keeps only previousSnapshotOf it while the rollup runs. A bench
 * that handed the rollup the object computeRollup returned would measure a previous snapshot
 * no deployed rollup ever holds.
 *
 * Done row by row (the snapshot without its rows, then each row through the schema's row
 * schema, which is what the whole-snapshot parse does to each): the same objects, while the
 * bench process's garbage stays short-lived — a whole-document string and tree of every month
 * would pile up in the old generation and be counted in the peak memory of the rollups.
 */
export function asLoadedPrevious(snapshot: RollupSnapshot): PreviousSnapshot {
  const header = rollupSnapshotSchema.parse(JSON.parse(canonicalJson(withoutEntryLists(snapshot))));
  const rows = snapshot.rows.map((row) => snapshotRowSchema.parse(JSON.parse(canonicalJson(row))));
  return previousSnapshotOf({ ...header, rows });
}

/** A snapshot without its lists of entries: the rows and what previousSnapshotOf leaves out. */
function withoutEntryLists(snapshot: RollupSnapshot): RollupSnapshot {
  return {
    ...snapshot,
    rows: [],
    atRisk: [],
    changes: { statusMoves: [] },
    completeness: {
      ...snapshot.completeness,
      activitiesNotReported: [],
      carriedForward: [],
      overdueMilestones: [],
    },
  };
}

/**
 * For a snapshot too large to hold twice in the measured process: written by a child process as
 * JSON lines — first the snapshot without its lists of entries, then one canonical JSON row a
 * line — and read back row by row into exactly what asLoadedPrevious gives.
 */
export async function writePreviousLines(snapshot: RollupSnapshot, file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(canonicalJson(withoutEntryLists(snapshot)));
  for (const row of snapshot.rows) await write(canonicalJson(row));
  out.end();
  await once(out, 'finish');
}

export async function readPreviousLines(file: string): Promise<PreviousSnapshot> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let header: RollupSnapshot | undefined;
  const rows: RollupSnapshot['rows'] = [];
  for await (const line of lines) {
    if (header === undefined) header = rollupSnapshotSchema.parse(JSON.parse(line));
    else rows.push(snapshotRowSchema.parse(JSON.parse(line)));
  }
  if (header === undefined) throw new Error(`${file} holds no snapshot`);
  return previousSnapshotOf({ ...header, rows });
}
