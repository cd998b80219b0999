import { STATUSES, type Status } from '../progress';

/**
 * A submitted status as a small integer: its position in STATUSES, which is also its column in a
 * level's counts (COUNTED_STATUSES starts with STATUSES). The rollup decides everything per
 * entry on these codes, so it reads each row's status string once.
 */
export type StatusCode = 0 | 1 | 2 | 3 | 4;

export const NOT_STARTED = 0;
export const AT_RISK = 2;
export const OFF_TRACK = 3;
export const COMPLETE = 4;

/**
 * The code of a status; −1 for anything else (rows are validated before they get here). A switch
 * on string constants: no map lookup, and no property lookup keyed by data.
 */
export function statusCodeOf(status: string): StatusCode | -1 {
  switch (status) {
    case 'Not Started':
      return 0;
    case 'On Track':
      return 1;
    case 'At Risk':
      return 2;
    case 'Off Track':
      return 3;
    case 'Complete':
      return 4;
    default:
      return -1;
  }
}

/** The status of a code (the same string constants every row then shares). */
export const statusOfCode = (code: StatusCode): Status => STATUSES[code];
