import { STATUSES, type Status } from '../progress';
import type { Movement, OverallStatus } from './rollup-snapshot';

const TROUBLED = new Set<string>(['At Risk', 'Off Track']);

/** Better is higher: how far from trouble and how close to done a status is. */
const STANDING: Readonly<Record<OverallStatus, number>> = {
  Complete: 4,
  'On Track': 3,
  'Not Started': 2,
  'At Risk': 1,
  'Off Track': 0,
  'No Data': -1,
};

/**
 * How a status moved since the previous period (docs/status-rules.md, "Change since the previous
 * period"), tried in this order:
 * - `new`: there is nothing to compare with (no previous value, or no data before);
 * - `unchanged`: same status;
 * - `completed`: now Complete;
 * - `newly-at-risk`: now At Risk or Off Track, and was neither;
 * - `recovered`: was At Risk or Off Track, and now is neither (and has data);
 * - `improved` / `worsened`: otherwise, by standing Complete > On Track > Not Started > At Risk >
 *   Off Track; losing all data (now No Data) counts as worsened.
 */
export function movementOf(
  previous: OverallStatus | Status | null | undefined,
  current: OverallStatus | Status,
): Movement {
  if (previous === null || previous === undefined || previous === 'No Data') return 'new';
  if (previous === current) return 'unchanged';
  if (current === 'Complete') return 'completed';
  if (TROUBLED.has(current) && !TROUBLED.has(previous)) return 'newly-at-risk';
  if (TROUBLED.has(previous) && !TROUBLED.has(current) && current !== 'No Data') return 'recovered';
  return STANDING[current] > STANDING[previous] ? 'improved' : 'worsened';
}

/** Percentage points gained since the previous period; null when either side has no percent. */
export function percentDelta(previous: number | null | undefined, current: number | null): number | null {
  if (previous === null || previous === undefined || current === null) return null;
  return current - previous;
}

/**
 * movementOf for one entry, on status codes (status-code.ts): row `from` is the previous status's
 * code + 1, 0 when the previous snapshot had no value. Built from movementOf itself, so the rules
 * live in one place; the rollup looks a million entries up here instead of deciding each anew.
 */
const ENTRY_MOVEMENTS: readonly Movement[] = [null, ...STATUSES].flatMap((from) =>
  STATUSES.map((to) => movementOf(from, to)),
);

export const entryMovement = (previousCodePlusOne: number, code: number): Movement =>
  ENTRY_MOVEMENTS[previousCodePlusOne * STATUSES.length + code] as Movement;
