import { describe, expect, it } from 'vitest';
import { outlierCap } from './outlier.ts';

describe('outlierCap: one quarter far above the rest does not flatten the others', () => {
  const series = (...data: (number | null)[]) => [{ key: 'a', label: 'A', data }];
  it.each([
    // 6,600 min against a next highest of 90: the axis stops at 1.6 × 90.
    ['an outlier', { stacked: false, unit: 'minutes' as const, series: series(30, 6600, 90, 45, null) }, 144],
    ['no outlier (the highest is 4 × the next or less)', { stacked: false, unit: 'minutes' as const, series: series(30, 360, 90, 45) }, undefined],
    ['too few values to tell', { stacked: false, unit: 'minutes' as const, series: series(30, 6600, null) }, undefined],
    ['stacked bars', { stacked: true, unit: 'count' as const, series: series(1, 40, 2, 3) }, undefined],
    ['rates', { stacked: false, unit: 'percent' as const, series: series(1, 90, 2, 3) }, undefined],
  ])('%s', (_name, spec, expected) => {
    expect(outlierCap(spec)).toBe(expected);
  });
});
