import { z } from 'zod';
import type { Dependencies } from '../../shared/composition/dependencies';
import type { ProductConfig } from '../../shared/config/product-config';
import { InvalidInputError } from '../../shared/domain/errors';
import { type Period, parsePeriod, previousCalendarMonth } from '../../shared/domain/period';
import type { RollupOptions } from '../../shared/domain/rollup/rollup-inputs';
import type { SnapshotRecord } from '../../shared/ports/snapshot-repository';
import { rollupPeriod } from '../../shared/use-cases/rollup-period';

/** The EventBridge Scheduler input: `{}` for last month in the configured time zone, or a period. */
const rollupEventSchema = z.object({ period: z.string().optional() }).loose();
export type RollupEvent = z.input<typeof rollupEventSchema>;

export interface RollupResult {
  readonly period: Period;
  readonly outcome: 'stored' | 'unchanged';
  readonly record: SnapshotRecord;
}

export type RollupDependencies = Pick<
  Dependencies,
  'catalog' | 'config' | 'clock' | 'progress' | 'snapshots'
>;

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
 * The rollup function: scheduled monthly (and run by `strategy-report rollup`). Rolls up the
 * event's period, or the previous calendar month in the configured time zone, and answers with
 * the stored snapshot version — a new one, or the one that already holds these inputs.
 */
export function createRollupHandler(deps: RollupDependencies) {
  return async (event?: RollupEvent | null): Promise<RollupResult> => {
    const parsed = rollupEventSchema.safeParse(event ?? {});
    if (!parsed.success)
      throw new InvalidInputError({
        rule: 'rollup.event',
        message: 'the rollup input must be {} or {"period": "YYYY-MM"}',
      });
    const period =
      parsed.data.period !== undefined
        ? parsePeriod(parsed.data.period)
        : previousCalendarMonth(deps.clock.now(), deps.config.timeZone);
    const result = await rollupPeriod(deps, period, rollupOptionsOf(deps.config));
    return { period, outcome: result.outcome, record: result.record };
  };
}
