/**
 * Rounds for the snapshot: percentages to 2 decimals, ratios and severities to 4. Everything is
 * computed from unrounded values and rounded once, on the way out, so rounding never compounds
 * up the levels. -0 becomes 0 so that a value and its JSON round trip are equal.
 */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}

export const roundPercent = (value: number) => roundTo(value, 2);
export const roundRatio = (value: number) => roundTo(value, 4);
