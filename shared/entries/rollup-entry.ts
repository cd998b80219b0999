import type { Dependencies } from '../composition/dependencies';
import type { ProductConfig } from '../config/product-config';
import type { Period } from '../domain/period';
import type { RollupOptions } from '../domain/rollup/rollup-inputs';
import { parseScheduledEvent, periodToRun, type ScheduledRequest } from '../domain/scheduled-event';
import type { SnapshotRecord } from '../ports/snapshot-index';
import { rollupPeriod } from '../use-cases/rollup-period';
import { countingVerifyFailures } from '../use-cases/verify-failures';

export type RollupDependencies = Pick<
  Dependencies,
  'catalog' | 'config' | 'clock' | 'progress' | 'snapshotIndex' | 'reportObjects' | 'log' | 'metrics'
>;

export interface RollupResult {
  readonly period: Period;
  /** 'unchanged': a snapshot of exactly these inputs was stored before; nothing was written. */
  readonly outcome: 'stored' | 'unchanged';
  readonly record: SnapshotRecord;
}

/** The rollup rules the configuration tunes (docs/configuration.md), as the domain takes them. */
export function rollupOptionsOf(config: ProductConfig): RollupOptions {
  const settings = config.rollup;
  return {
    ...(settings?.carryForwardMonths !== undefined
      ? { carryForwardMaxAgeMonths: settings.carryForwardMonths }
      : {}),
    ...(settings?.weights !== undefined ? { weights: settings.weights } : {}),
  };
}

/**
 * Rolls up the requested period, or the previous calendar month in the configured time zone, and
 * answers with the stored snapshot version — a new one, or the one that already holds these inputs.
 * What the rollup function and `strategy-report rollup` both run.
 */
export async function runRollup(deps: RollupDependencies, request: ScheduledRequest): Promise<RollupResult> {
  const period = periodToRun(request, deps.clock.now(), deps.config.timeZone);
  return deps.log.withRecordKeys({ period }, async () => {
    const result = await countingVerifyFailures(deps, () =>
      rollupPeriod(deps, period, rollupOptionsOf(deps.config)),
    );
    deps.log.info(result.outcome === 'stored' ? 'snapshot stored' : 'snapshot unchanged', {
      version: result.record.version,
      offices: result.record.inputs.length,
    });
    return { period, outcome: result.outcome, record: result.record };
  });
}

/** The rollup function's handler, scheduled monthly: `{}` or `{ "period": "YYYY-MM" }`. */
export function createRollupHandler(deps: RollupDependencies) {
  return async (event?: unknown): Promise<RollupResult> =>
    runRollup(deps, parseScheduledEvent(event, 'rollup'));
}
