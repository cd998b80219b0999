import type { ProgressRow } from '../progress';
import type { EntryIndex } from './entry-index';
import { statusCodeOf } from './status-code';

/**
 * Which row, if any, each entry has: this period's rows of one office, and the previous
 * snapshot's rows. Rows usually come in entry order — the repository returns an office's rows in
 * activity id order, which the catalog's id rules make its order, and a snapshot lists its rows
 * by office, then activity — and are then matched in one walk along the entries, two string
 * comparisons a row. Rows in any other order fall back to a lookup per row; either way the
 * result is the same. Positions go into typed arrays (−1 = no row): a million entries cost a few
 * megabytes of integers rather than a million references for the garbage collector to trace.
 */

/** Fills `rowAt[entry]` with the index in `rows` of each of the office's entries (else −1). */
export function alignSubmission(
  index: EntryIndex,
  office: number,
  rows: readonly ProgressRow[],
  rowAt: Int32Array,
  describe: () => string,
): void {
  const { activityIds, entryActivity } = index;
  const first = index.officeStart[office] as number;
  const end = index.officeStart[office + 1] as number;
  let entry = first;
  for (let position = 0; position < rows.length; position++) {
    const activityId = (rows[position] as ProgressRow).activityId;
    while (entry < end && activityIds[entryActivity[entry] as number] !== activityId) entry++;
    if (entry === end) {
      alignSubmissionByLookup(index, office, rows, rowAt, describe);
      return;
    }
    rowAt[entry++] = position;
  }
}

/** Rows out of order, for activities the office does not report on, or twice for one entry. */
function alignSubmissionByLookup(
  index: EntryIndex,
  office: number,
  rows: readonly ProgressRow[],
  rowAt: Int32Array,
  describe: () => string,
): void {
  rowAt.fill(-1, index.officeStart[office], index.officeStart[office + 1]);
  const base = office * index.activityIndex.size;
  for (let position = 0; position < rows.length; position++) {
    const activityId = (rows[position] as ProgressRow).activityId;
    const activity = index.activityIndex.get(activityId);
    if (activity === undefined) continue;
    const at = index.entryAt[base + activity] as number;
    if (at < 0) continue;
    if (rowAt[at] !== -1) throw new Error(`${describe()} has two rows for ${activityId}`);
    rowAt[at] = position;
  }
}

/** What alignment reads of a previous snapshot's row. */
interface PreviousRow {
  readonly office: string;
  readonly activityId: string;
  readonly status: string;
}

/**
 * Fills `rowAt[entry]` with the index in `rows` of each entry's previous row (else −1) and
 * `statusPlusOne[entry]` with its status code + 1 (else 0), so that the rollup's pass reads a
 * previous row again only to carry it forward. Rows of entries the catalog no longer has are
 * left out; of two rows for one entry, the later counts.
 */
export function alignPrevious(
  index: EntryIndex,
  rows: readonly PreviousRow[],
  rowAt: Int32Array,
  statusPlusOne: Uint8Array,
): void {
  const { entryCount, entryOffice, entryActivity, officeCodes, activityIds } = index;
  let entry = 0;
  for (let position = 0; position < rows.length; position++) {
    const row = rows[position] as PreviousRow;
    const office = row.office;
    const activityId = row.activityId;
    while (
      entry < entryCount &&
      (officeCodes[entryOffice[entry] as number] !== office ||
        activityIds[entryActivity[entry] as number] !== activityId)
    )
      entry++;
    if (entry === entryCount) {
      alignPreviousByLookup(index, rows, rowAt, statusPlusOne);
      return;
    }
    rowAt[entry] = position;
    statusPlusOne[entry] = statusCodeOf(row.status) + 1;
    entry++;
  }
}

function alignPreviousByLookup(
  index: EntryIndex,
  rows: readonly PreviousRow[],
  rowAt: Int32Array,
  statusPlusOne: Uint8Array,
): void {
  rowAt.fill(-1);
  statusPlusOne.fill(0);
  const activityCount = index.activityIndex.size;
  for (let position = 0; position < rows.length; position++) {
    const row = rows[position] as PreviousRow;
    const office = index.officeIndex.get(row.office);
    const activity = index.activityIndex.get(row.activityId);
    if (office === undefined || activity === undefined) continue;
    const at = index.entryAt[office * activityCount + activity] as number;
    if (at < 0) continue;
    rowAt[at] = position;
    statusPlusOne[at] = statusCodeOf(row.status) + 1;
  }
}
