/**
 * Small summary statistics for the computed figures. Every helper returns null where there is no
 * data, never 0 or NaN: a quiet quarter has no MTTR, not an MTTR of zero minutes.
 */

/** Arithmetic mean; null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Median; for an even count the mean of the two middle values. Null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = ascending(values);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * 90th percentile by the nearest-rank method: the smallest value with at least 90 % of the values
 * at or below it, i.e. the ⌈0.9·n⌉-th smallest. Always one of the observed values (no
 * interpolation), so a p90 MTTR is a time some incident really took. Null for no values.
 */
export function p90(values: readonly number[]): number | null {
  return nearestRank(values, 90);
}

/** Percentile `p` (0 < p ≤ 100) by the nearest-rank method; null for no values. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = ascending(values);
  // p·n first, then ÷ 100: when p·n is a multiple of 100 the quotient is exact, so a rank that
  // should be a whole number never drifts up by one (0.07 * 100 is 7.000000000000001).
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[Math.max(rank, 1) - 1];
}

/** numerator ÷ denominator as a fraction 0–1; null when the denominator is 0. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** `current − previous`; null when either side is null. */
export function delta(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}

function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
