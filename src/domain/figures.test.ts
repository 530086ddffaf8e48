import { describe, it, expect } from 'vitest';
import { durations, cost, type Cost } from './figures.ts';
import type { Postmortem } from '../schemas/postmortem.ts';

describe('durations', () => {
  it.each([
    {
      // The example of docs/format.md: 09:12 → 09:20 → 11:42.
      why: 'the docs/format.md example',
      started: '2026-03-14T09:12:00+01:00',
      detected: '2026-03-14T09:20:00+01:00',
      resolved: '2026-03-14T11:42:00+01:00',
      expected: { durationMinutes: 150, timeToDetectMinutes: 8, timeToResolveMinutes: 150 },
    },
    {
      // Detected 08:20:29Z = 09:20:29+01:00, 7 min 59 s after the start → 7; resolved 2 h 29 min 59 s → 149.
      why: 'whole minutes rounded down, across offsets',
      started: '2026-03-14T09:12:30+01:00',
      detected: '2026-03-14T08:20:29Z',
      resolved: '2026-03-14T11:42:29+01:00',
      expected: { durationMinutes: 149, timeToDetectMinutes: 7, timeToResolveMinutes: 149 },
    },
    {
      // Berlin springs forward on 2026-03-29: 01:30 CET = 00:30Z, 03:10 CEST = 01:10Z (40 min), 04:00 CEST = 02:00Z (90 min).
      why: 'across the spring DST change in Berlin',
      started: '2026-03-29T01:30:00+01:00',
      detected: '2026-03-29T03:10:00+02:00',
      resolved: '2026-03-29T04:00:00+02:00',
      expected: { durationMinutes: 90, timeToDetectMinutes: 40, timeToResolveMinutes: 90 },
    },
    {
      // New York falls back on 2026-11-01: 01:40 EDT = 05:40Z, 01:10 EST = 06:10Z (30 min), 02:00 EST = 07:00Z (80 min).
      why: 'across the autumn DST change in New York, where the wall clock runs backwards',
      started: '2026-11-01T01:40:00-04:00',
      detected: '2026-11-01T01:10:00-05:00',
      resolved: '2026-11-01T02:00:00-05:00',
      expected: { durationMinutes: 80, timeToDetectMinutes: 30, timeToResolveMinutes: 80 },
    },
    {
      // Resolved 45 s after the start: 0 whole minutes.
      why: 'a duration under a minute is 0',
      started: '2026-11-20T14:05:00+01:00',
      detected: '2026-11-20T14:05:00+01:00',
      resolved: '2026-11-20T14:05:45+01:00',
      expected: { durationMinutes: 0, timeToDetectMinutes: 0, timeToResolveMinutes: 0 },
    },
    {
      // A draft may not be resolved yet: no duration, but time to detect is known (10 min).
      why: 'an unresolved draft',
      started: '2026-11-20T14:05:00+01:00',
      detected: '2026-11-20T14:15:00+01:00',
      resolved: undefined,
      expected: { durationMinutes: null, timeToDetectMinutes: 10, timeToResolveMinutes: null },
    },
  ])('$why', ({ started, detected, resolved, expected }) => {
    expect(durations({ started, detected, resolved: resolved ?? null })).toEqual(expected);
  });
});

type CostInput = Pick<Postmortem, 'impact' | 'cost'>;
const impact = (usersAffected: number, revenueLost: number) => ({ usersAffected, revenueLost, slaBreached: false });

describe('cost (docs/format.md#cost-1)', () => {
  it.each<{ why: string; pm: CostInput; duration: number | null; rate: number; expected: Cost }>([
    {
      // direct = 120000 + 15000 + 0 = 135000.
      // indirect = 46 × 150 (its own rate, not the default 100) = 6900, + churn 48000 × 0.002 × 900 = 86400, + brand 10000 = 103300.
      // total 238300; per minute 238300 / 150 = 1588.666…
      why: 'the docs/format.md example, every input given',
      pm: { impact: impact(48000, 120000), cost: { slaCredits: 15000, vendorCosts: 0, engineeringHours: 46, loadedRate: 150, churn: { probability: 0.002, ltv: 900 }, brand: 10000 } },
      duration: 150,
      rate: 100,
      expected: { direct: 135000, indirect: 103300, total: 238300, perMinute: 238300 / 150 },
    },
    {
      // No cost block at all: only the revenue lost, 5000; 5000 / 50 = 100 per minute.
      why: 'missing cost block counts as 0',
      pm: { impact: impact(10, 5000), cost: undefined },
      duration: 50,
      rate: 120,
      expected: { direct: 5000, indirect: 0, total: 5000, perMinute: 100 },
    },
    {
      // 12 h at the settings' 120 = 1440 indirect; vendor 500 + revenue 8000 = 8500 direct; 9940 / 40 = 248.5.
      why: 'loadedRate defaults to the settings rate',
      pm: { impact: impact(1200, 8000), cost: { engineeringHours: 12, vendorCosts: 500 } },
      duration: 40,
      rate: 120,
      expected: { direct: 8500, indirect: 1440, total: 9940, perMinute: 248.5 },
    },
    {
      // An explicit loadedRate of 0 is a rate, not a missing one: 10 h × 0 = 0, not 10 × 120.
      why: 'an explicit loadedRate of 0 wins over the default',
      pm: { impact: impact(0, 0), cost: { engineeringHours: 10, loadedRate: 0 } },
      duration: 30,
      rate: 120,
      expected: { direct: 0, indirect: 0, total: 0, perMinute: 0 },
    },
    {
      // Churn uses impact.usersAffected: 0 users → 0 churn; 6 h × 120 = 720 + brand 2000 = 2720; 2720 / 85 = 32.
      why: 'churn with no affected users is 0',
      pm: { impact: impact(0, 0), cost: { engineeringHours: 6, churn: { probability: 0.01, ltv: 500 }, brand: 2000 } },
      duration: 85,
      rate: 120,
      expected: { direct: 0, indirect: 2720, total: 2720, perMinute: 32 },
    },
    {
      // churn = 2500 × 0.04 × 300 = 30000; direct 1000 (SLA credits); total 31000; 31000 / 62 = 500.
      why: 'churn = usersAffected × probability × ltv',
      pm: { impact: impact(2500, 0), cost: { slaCredits: 1000, churn: { probability: 0.04, ltv: 300 } } },
      duration: 62,
      rate: 100,
      expected: { direct: 1000, indirect: 30000, total: 31000, perMinute: 500 },
    },
    {
      // 3 h × 120 = 360; the duration is 0 whole minutes, so there is no per-minute figure (not Infinity).
      why: 'perMinute is null when the duration is 0',
      pm: { impact: impact(300, 0), cost: { engineeringHours: 3 } },
      duration: 0,
      rate: 120,
      expected: { direct: 0, indirect: 360, total: 360, perMinute: null },
    },
    {
      // An unresolved draft has no duration: 700 revenue, no per-minute figure.
      why: 'perMinute is null when the duration is unknown',
      pm: { impact: impact(5, 700), cost: {} },
      duration: null,
      rate: 100,
      expected: { direct: 700, indirect: 0, total: 700, perMinute: null },
    },
  ])('$why', ({ pm, duration, rate, expected }) => {
    const result = cost(pm, duration, rate);
    // Money is not rounded here (docs/format.md#cost-1: rounded only for display), so compare to the cent's fraction.
    expect(result.direct).toBeCloseTo(expected.direct!, 6);
    expect(result.indirect).toBeCloseTo(expected.indirect!, 6);
    expect(result.total).toBeCloseTo(expected.total!, 6);
    if (expected.perMinute === null) expect(result.perMinute).toBeNull();
    else expect(result.perMinute).toBeCloseTo(expected.perMinute, 6);
  });

  it('does not round money', () => {
    // 1 h × 100.005 = 100.005: rounding to 2 decimals is for display only.
    expect(cost({ impact: impact(0, 0), cost: { engineeringHours: 1, loadedRate: 100.005 } }, 7, 100).total).toBe(100.005);
  });
});
