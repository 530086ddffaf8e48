import { describe, expect, it } from 'vitest';
import { calculate, costYaml, type CalculatorInput } from './calculator.ts';

// Hand-worked: the basic fixture's INC-2026-001 (tests/fixtures/basic/EXPECTED.md), settings rate 120.
const inc001: CalculatorInput = {
  revenueLost: 120000,
  slaCredits: 15000,
  vendorCosts: 0,
  engineeringHours: 46,
  loadedRate: 150,
  usersAffected: 48000,
  churnProbability: 0.002,
  ltv: 900,
  brand: 10000,
  durationMinutes: 150,
};

describe('calculate', () => {
  it.each([
    // direct 120000 + 15000 + 0; indirect 46 × 150 + 48000 × 0.002 × 900 + 10000 = 6900 + 86400 + 10000.
    ['every input', inc001, { direct: 135000, indirect: 103300, total: 238300 }, 238300 / 150],
    // Nothing entered: all 0, and no duration to divide by.
    ['nothing', {}, { direct: 0, indirect: 0, total: 0 }, null],
    // Hours at the default rate 120: 12 × 120 = 1440; + vendor 500 + revenue 8000; ÷ 40 min.
    ['the default rate', { revenueLost: 8000, vendorCosts: 500, engineeringHours: 12, durationMinutes: 40 }, { direct: 8500, indirect: 1440, total: 9940 }, 248.5],
    // Churn needs both parts: probability alone counts nothing.
    ['half a churn estimate', { usersAffected: 1000, churnProbability: 0.1, durationMinutes: 0 }, { direct: 0, indirect: 0, total: 0 }, null],
  ])('%s', (_name, input, expected, perMinute) => {
    const figures = calculate(input, 120);
    expect(figures).toMatchObject(expected);
    if (perMinute === null) expect(figures.perMinute).toBeNull();
    else expect(figures.perMinute).toBeCloseTo(perMinute, 9);
  });
});

describe('costYaml', () => {
  it('writes the cost block as the format reference does', () => {
    expect(costYaml(inc001, 120)).toBe(
      ['cost:', '  slaCredits: 15000', '  vendorCosts: 0', '  engineeringHours: 46', '  loadedRate: 150', '  churn: { probability: 0.002, ltv: 900 }', '  brand: 10000'].join('\n'),
    );
  });

  it('leaves out empty fields, the default rate and half a churn estimate', () => {
    expect(costYaml({ engineeringHours: 3, loadedRate: 120, churnProbability: 0.01, revenueLost: 50 }, 120)).toBe('cost:\n  engineeringHours: 3');
    expect(costYaml({}, 120)).toBe('cost: {}');
  });
});
