import { describe, expect, it } from 'vitest';
import { delta, mean, median, nearestRank, p90, rate } from './stats.ts';

const oneToN = (n: number) => Array.from({ length: n }, (_, index) => index + 1);

describe('mean', () => {
  it.each([
    { values: [], expected: null },
    { values: [5], expected: 5 },
    { values: [10, 20], expected: 15 },
    { values: [1, 2, 3, 4], expected: 2.5 },
    // One slow incident pulls the mean far from the median: why the review shows both.
    { values: [0, 0, 30], expected: 10 },
  ])('mean($values) = $expected', ({ values, expected }) => {
    expect(mean(values)).toBe(expected);
  });
});

describe('median', () => {
  it.each([
    { values: [], expected: null },
    { values: [7], expected: 7 },
    { values: [30, 10, 20], expected: 20 },
    // Even count: the mean of the two middle values (20 and 30), sorting first.
    { values: [10, 40, 20, 30], expected: 25 },
    { values: [5, 5, 100, 100], expected: 52.5 },
    { values: [0, 0, 30], expected: 0 },
  ])('median($values) = $expected', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });

  it('leaves its input unsorted', () => {
    const values = [3, 1, 2];
    median(values);
    p90(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('p90 (nearest rank: the ⌈0.9·n⌉-th smallest)', () => {
  it.each([
    { name: 'no values', values: [], expected: null },
    { name: 'one value', values: [42], expected: 42 },
    { name: 'two values: rank ⌈1.8⌉ = 2', values: [20, 10], expected: 20 },
    { name: '1..7: rank ⌈6.3⌉ = 7', values: oneToN(7), expected: 7 },
    { name: '1..10: rank 9 exactly', values: oneToN(10), expected: 9 },
    { name: '1..11: rank ⌈9.9⌉ = 10', values: oneToN(11), expected: 10 },
    { name: '1..20: rank 18', values: oneToN(20), expected: 18 },
    { name: '1..100: rank 90', values: oneToN(100), expected: 90 },
    { name: 'unsorted minutes', values: [240, 5, 60, 15, 30], expected: 240 },
  ])('$name → $expected', ({ values, expected }) => {
    expect(p90(values)).toBe(expected);
  });
});

describe('nearestRank', () => {
  it.each([
    { values: [1, 2, 3, 4], p: 50, expected: 2 },
    { values: [1, 2, 3, 4], p: 100, expected: 4 },
    { values: [1, 2, 3, 4], p: 1, expected: 1 },
    // 7 × 100 / 100 is exactly 7: the rank must not drift to 8 through floating point.
    { values: oneToN(100), p: 7, expected: 7 },
  ])('p$p of $values = $expected', ({ values, p, expected }) => {
    expect(nearestRank(values, p)).toBe(expected);
  });

  it.each([0, -5, 101, Number.NaN])('rejects percentile %s', (p) => {
    expect(() => nearestRank([1], p)).toThrow(RangeError);
  });
});

describe('rate', () => {
  it.each([
    { numerator: 0, denominator: 0, expected: null },
    { numerator: 5, denominator: 0, expected: null },
    { numerator: 0, denominator: 5, expected: 0 },
    { numerator: 3, denominator: 4, expected: 0.75 },
    { numerator: 2, denominator: 2, expected: 1 },
  ])('$numerator ÷ $denominator = $expected', ({ numerator, denominator, expected }) => {
    expect(rate(numerator, denominator)).toBe(expected);
  });
});

describe('delta', () => {
  it.each([
    { current: 5, previous: 3, expected: 2 },
    { current: 3, previous: 5, expected: -2 },
    { current: 0, previous: 0, expected: 0 },
    { current: null, previous: 3, expected: null },
    { current: 3, previous: null, expected: null },
    { current: null, previous: null, expected: null },
  ])('$current − $previous = $expected', ({ current, previous, expected }) => {
    expect(delta(current, previous)).toBe(expected);
  });
});
