/**
 * How long the work on one upload may take. Streaming code calls `check()` between chunks and
 * rows; past the budget it throws, the work unwinds, and the upload is answered as rejected
 * (`file.too-complex`) instead of running into the function's timeout, which SQS would retry.
 * Time comes from the caller (the use case's clock), so a test can spend the budget without
 * waiting for it.
 */
export interface WorkBudget {
  readonly seconds: number;
  /** Throws `WorkBudgetExceeded` once the budget is spent. */
  check(): void;
}

export class WorkBudgetExceeded extends Error {
  override readonly name = 'WorkBudgetExceeded';
  constructor(readonly seconds: number) {
    super(`the work on the upload took longer than ${seconds} s`);
  }
}

/** A budget of `seconds` starting now, on the clock `now` (milliseconds). */
export function workBudget(seconds: number, now: () => number): WorkBudget {
  const deadline = now() + seconds * 1000;
  return {
    seconds,
    check() {
      if (now() > deadline) throw new WorkBudgetExceeded(seconds);
    },
  };
}

/** No limit: for callers that bound the work another way (and for tests of something else). */
export const unlimitedBudget: WorkBudget = { seconds: Number.POSITIVE_INFINITY, check() {} };
