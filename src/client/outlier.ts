import type { ChartSpec } from '../domain/review.ts';

/**
 * Where to stop the value axis so one outlying quarter does not flatten every other: when the
 * highest value is more than four times the next highest (of four or more), the axis ends at 1.6
 * times that next one, the outlier runs off the top, and its label says so with an arrow. Not for
 * stacked bars or rates. The table beside the chart has every number as it is.
 */
export function outlierCap(spec: Pick<ChartSpec, 'stacked' | 'unit' | 'series'>): number | undefined {
  if (spec.stacked || spec.unit === 'percent') return undefined;
  const values = spec.series.flatMap((series) => series.data.filter((value): value is number => value !== null && value > 0)).sort((a, b) => b - a);
  if (values.length < 4 || values[0] <= 4 * values[1]) return undefined;
  return values[1] * 1.6;
}
