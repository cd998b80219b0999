/** Severities are ranked as whole multiples of 1/10,000: exactly what the snapshot shows. */
export const SEVERITY_SCALE = 10_000;

/**
 * Indexes of `scores` (non-negative integers) from highest score to lowest, ties in index order.
 * Each (score, index) pair is packed into one float so a plain numeric sort of a Float64Array
 * does the work — no comparator calls for a list that can hold hundreds of thousands of entries.
 */
export function rankOrder(scores: readonly number[]): number[] {
  const count = scores.length;
  let top = 0;
  for (const score of scores) if (score > top) top = score;
  if ((top + 1) * count > Number.MAX_SAFE_INTEGER) {
    return scores
      .map((_, index) => index)
      .sort((left, right) => (scores[right] as number) - (scores[left] as number) || left - right);
  }
  const keys = new Float64Array(count);
  for (let index = 0; index < count; index++) keys[index] = (top - (scores[index] as number)) * count + index;
  keys.sort();
  const order = new Array<number>(count);
  for (let position = 0; position < count; position++) order[position] = (keys[position] as number) % count;
  return order;
}
