import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, formatPercentValue, formatPoints, formatRate, formatScore, plural } from './numbers.ts';

describe('number formats', () => {
  it.each([
    [formatCount(48000), '48,000'],
    [formatCount(-0), '0'],
    [formatCount(-1234.5), '-1,234.5'],
    [plural(1, 'post-mortem'), '1 post-mortem'],
    [plural(1200, 'post-mortem'), '1,200 post-mortems'],
    [formatPercent(0.002), '0.2%'],
    [formatPercent(-0.00001), '0%'],
    [formatRate(0.5556), '55.6%'],
    [formatRate(null), '—'],
    [formatPercentValue(55.56), '55.6%'],
    [formatPercentValue(55.56, 0), '56%'],
    [formatPoints(0.25), '25 points'],
    [formatPoints(0.01), '1 point'],
    [formatPoints(-0.0001), '0 points'],
    [formatScore(2.6667), '2.7'],
    [formatScore(0), '0'],
  ])('%s is %s', (shown, expected) => {
    expect(shown).toBe(expected);
  });

  // The formatters are built once per option set; their text is what toLocaleString gave.
  it('writes what toLocaleString writes', () => {
    const values = [0, -0, 1, -1, 0.5, 0.05, 0.005, 12.345, 999.95, 1e6, -1e6 - 0.4, 123456789.987, -0.001, 1 / 3, 2 / 3];
    for (const value of values) {
      expect(formatCount(value)).toBe(value.toLocaleString('en-US', { signDisplay: 'negative' }));
      for (const digits of [0, 1, 2, 3]) {
        const scale = 10 ** digits;
        expect(formatPercentValue(value, digits)).toBe(`${(Math.round(value * scale) / scale).toLocaleString('en-US', { maximumFractionDigits: digits, signDisplay: 'negative' })}%`);
      }
      expect(formatPercent(value)).toBe(`${(value * 100).toLocaleString('en-US', { maximumFractionDigits: 2, signDisplay: 'negative' })}%`);
    }
  });
});
