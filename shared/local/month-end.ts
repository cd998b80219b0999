import type { NotifyResult, NotifyReviewResult } from '../entries/notify-entry';
import type { RenderResult } from '../entries/render-entry';
import type { MonthEndReviewResult } from '../entries/review-entry';
import type { RollupResult } from '../entries/rollup-entry';

/** The functions' handlers, as the month-end workflow invokes them (events in, results out). */
export interface MonthEndHandlers {
  readonly rollup: (event?: unknown) => Promise<RollupResult>;
  readonly render: (event?: unknown) => Promise<RenderResult>;
  readonly notify: (event?: unknown) => Promise<NotifyResult | NotifyReviewResult>;
  readonly review: (event?: unknown) => Promise<MonthEndReviewResult>;
}

export interface MonthEndRun {
  readonly rollup: RollupResult;
  readonly render: RenderResult;
  readonly notify: NotifyResult;
  /** The review step: the quarter's pack after its last month, else `not-quarter-end`. */
  readonly review: MonthEndReviewResult;
  /** The pack mailed to leadership: only after a quarter's last month. */
  readonly reviewMail: NotifyReviewResult | undefined;
}

/**
 * The month-end workflow run locally, step by step as Step Functions runs it
 * (infra/constructs/month-end-workflow.ts): rollup gets the request as it is, each later step
 * `{"period": <the previous step's period>}`; after the review step, the choice — a pack was
 * rendered (a quarter's last month) → notify gets `{"quarter": <its quarter>}`; otherwise the run
 * ends. Every step is idempotent, so running a month again does nothing already done.
 */
export async function runMonthEnd(handlers: MonthEndHandlers, request: { readonly period?: string } = {}) {
  const rollup = await handlers.rollup(request);
  const render = await handlers.render({ period: rollup.period });
  const notify = (await handlers.notify({ period: render.period })) as NotifyResult;
  const review = await handlers.review({ period: notify.period });
  const reviewMail =
    review.quarter === null
      ? undefined
      : ((await handlers.notify({ quarter: review.quarter })) as NotifyReviewResult);
  return { rollup, render, notify, review, reviewMail } satisfies MonthEndRun;
}
