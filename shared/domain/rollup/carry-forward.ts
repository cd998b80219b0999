import type { Period } from '../period';
import { monthIndex } from './month-index';

/**
 * Carry-forward: an entry its office did not report this period may stand on the value of the
 * previous period's snapshot — reported there, or itself carried there — while that value is at
 * most `maxAgeMonths` old. It keeps the period it was reported in (`fromPeriod`), so a value
 * carried twice is two months old, and it is never counted as reported.
 */
export function carryForwardAge(fromPeriod: string, period: Period): number {
  return monthIndex(period) - monthIndex(fromPeriod);
}

export function mayCarryForward(fromPeriod: string, period: Period, maxAgeMonths: number): boolean {
  const age = carryForwardAge(fromPeriod, period);
  return age >= 1 && age <= maxAgeMonths;
}
