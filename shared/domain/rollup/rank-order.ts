/** Severities are ranked as whole multiples of 1/10,000: exactly what the snapshot shows. */
export const SEVERITY_SCALE = 10_000;

/**
 * Scores up to this are ranked by counting: one bucket per possible score. Severities (at most
 * 6.5 × SEVERITY_SCALE) always are; the bound keeps the buckets small for any other caller.
 */
const COUNTING_RANGE = 1 << 20;

/**
 * Indexes of `scores` from highest score to lowest, ties in index order. Scores are meant to be
 * non-negative integers: small ones are ranked by a stable counting sort — two passes, no
 * comparisons, for a list that can hold hundreds of thousands of entries — and larger ones have
 * each (score, index) pair packed into one float so that a plain numeric sort of a Float64Array
 * does the work. Anything else is sorted with a comparator.
 */
export function rankOrder(scores: readonly number[]): number[] {
  const count = scores.length;
  let top = 0;
  let whole = true;
  for (const score of scores) {
    if (score > top) top = score;
    if (!Number.isInteger(score) || score < 0) whole = false;
  }
  if (whole && top < COUNTING_RANGE) return countingOrder(scores, top);
  if (!whole || (top + 1) * count > Number.MAX_SAFE_INTEGER) {
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

/** Counting sort on `top − score`: each index lands after every higher score and earlier tie. */
function countingOrder(scores: readonly number[], top: number): number[] {
  const count = scores.length;
  // next[b] is where the next index of bucket b (score top − b) goes; first counted, then summed.
  const next = new Int32Array(top + 2);
  for (let index = 0; index < count; index++) {
    const bucket = top - (scores[index] as number) + 1;
    next[bucket] = (next[bucket] as number) + 1;
  }
  for (let bucket = 1; bucket <= top + 1; bucket++)
    next[bucket] = (next[bucket] as number) + (next[bucket - 1] as number);
  const order = new Array<number>(count);
  for (let index = 0; index < count; index++) {
    const bucket = top - (scores[index] as number);
    order[next[bucket] as number] = index;
    next[bucket] = (next[bucket] as number) + 1;
  }
  return order;
}
