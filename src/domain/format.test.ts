import { describe, expect, it } from 'vitest';
import { actionTiming, costLines, durationAttribute, formatElapsed, formatMinutes, localInstant, timelineRows, zoneAbbreviation, zoneLabel } from './format.ts';
import { formatCount, formatMoney, formatPercent } from '../core/numbers.ts';
import { humanize } from './labels.ts';
import { openActions } from './actions.ts';
import { cost } from './figures.ts';
import type { ActionItem } from './library.ts';

describe('formatMoney', () => {
  it.each([
    [0, 'USD', '$0.00'],
    [1234.5, 'USD', '$1,234.50'],
    [1783.7037037, 'EUR', '€1,783.70'],
    [0.005, 'USD', '$0.01'],
    [240800, 'GBP', '£240,800.00'],
    [-1234.5, 'USD', '-$1,234.50'],
    [1e12, 'USD', '$1,000,000,000,000.00'],
  ])('%d %s → %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });
});

// YAML's `-0` is a number, and so is 0 times a negative; neither is shown with a minus sign, nor is
// a negative amount that rounds to zero.
describe('no negative zero', () => {
  it.each<[string, (value: number) => string, number, string]>([
    ['formatMoney', (value) => formatMoney(value, 'USD'), -0, '$0.00'],
    ['formatMoney', (value) => formatMoney(value, 'EUR'), -0.004, '€0.00'],
    ['formatMoney', (value) => formatMoney(value, 'USD'), -0.005, '-$0.01'],
    ['formatCount', formatCount, -0, '0'],
    ['formatCount', formatCount, -0.0001, '0'],
    ['formatCount', formatCount, -3, '-3'],
    ['formatPercent', formatPercent, -0, '0%'],
    ['formatPercent', formatPercent, -0.000001, '0%'],
    ['formatPercent', formatPercent, 0.25, '25%'],
  ])('%s(%s) = %s', (_, format, value, expected) => {
    expect(format(value)).toBe(expected);
  });
});

describe('formatMinutes', () => {
  it.each([
    [0, '0 min'],
    [1, '1 min'],
    [45, '45 min'],
    [60, '1 h'],
    [150, '2 h 30 min'],
    [135.9, '2 h 15 min'],
    [1440, '1 d'],
    [1530, '1 d 1 h'],
    [63840, '44 d 8 h'],
    [null, '—'],
    [undefined, '—'],
  ])('%s → %s', (minutes, expected) => {
    expect(formatMinutes(minutes)).toBe(expected);
  });

  it.each([
    [0, 'PT0H0M'],
    [150, 'PT2H30M'],
    [1530, 'PT25H30M'],
  ])('duration attribute of %d is %s', (minutes, expected) => {
    expect(durationAttribute(minutes)).toBe(expected);
  });

  it.each([
    [0, 'start'],
    [8, '+8 min'],
    [135, '+2 h 15 min'],
    [-5, '−5 min'],
  ])('elapsed %d → %s', (minutes, expected) => {
    expect(formatElapsed(minutes)).toBe(expected);
  });
});

describe('zoneAbbreviation and localInstant', () => {
  it.each([
    ['2026-03-14T09:12:00+01:00', 'Europe/Berlin', 'CET'],
    ['2026-07-14T09:12:00+02:00', 'Europe/Berlin', 'CEST'],
    ['2026-07-14T09:12:00+01:00', 'Europe/London', 'BST'],
    ['2026-01-14T09:12:00Z', 'Europe/London', 'GMT'],
    ['2026-03-14T09:12:00-04:00', 'America/New_York', 'EDT'],
    ['2026-01-14T09:12:00Z', 'UTC', 'UTC'],
    ['2026-01-14T09:12:00Z', 'Asia/Kolkata', 'GMT+5:30'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(zoneAbbreviation(iso, zone)).toBe(expected);
  });

  it('shows the instant in the given zone, whatever offset it was written with', () => {
    expect(localInstant('2026-11-03T22:40:00Z', 'Europe/Berlin')).toEqual({
      datetime: '2026-11-03T22:40:00Z',
      date: '3 Nov 2026',
      isoDate: '2026-11-03',
      time: '23:40',
      zone: 'CET',
      text: '3 Nov 2026, 23:40 CET',
    });
  });
});

describe('zoneLabel', () => {
  it.each([
    ['UTC', '2026-03-10T09:00:00Z', 'UTC'],
    ['Europe/Copenhagen', '2026-01-10T09:00:00Z', 'Europe/Copenhagen (CET)'],
    ['Europe/Copenhagen', '2026-07-10T09:00:00Z', 'Europe/Copenhagen (CEST)'],
    ['America/New_York', '2026-07-10T09:00:00Z', 'America/New_York (EDT)'],
  ])('%s at %s reads %s', (zone, iso, expected) => {
    expect(zoneLabel(iso, zone)).toBe(expected);
  });
});

describe('timelineRows', () => {
  const started = '2026-11-03T23:40:00+01:00';
  const rows = timelineRows(
    [
      { at: '2026-11-03T23:40:00+01:00', event: 'push' },
      { at: '2026-11-03T23:48:00+01:00', event: 'alert', mark: 'alert' },
      { at: '2026-11-04T00:10:00+01:00', event: 'cause', mark: 'root-cause' },
      { at: '2026-11-04T01:55:00+01:00', event: 'done', mark: 'resolved' },
    ],
    started,
    'Europe/Berlin',
  );

  it.each([
    [0, true, 0, undefined, '23:40'],
    [1, false, 8, 'Alert', '23:48'],
    [2, true, 30, 'Root cause found', '00:10'],
    [3, false, 135, 'Resolved', '01:55'],
  ])('row %d: new day %s, +%d min, label %s, %s', (index, newDay, elapsed, label, time) => {
    expect(rows[index]).toMatchObject({ newDay, elapsedMinutes: elapsed, markLabel: label, zoneChanged: false });
    expect(rows[index].at.time).toBe(time);
  });

  it('notices a daylight-saving change within a timeline', () => {
    const dst = timelineRows(
      [
        { at: '2026-03-29T01:30:00+01:00', event: 'before' },
        { at: '2026-03-29T03:30:00+02:00', event: 'after' },
      ],
      '2026-03-29T01:30:00+01:00',
      'Europe/Berlin',
    );
    expect(dst.map((row) => [row.at.zone, row.zoneChanged, row.elapsedMinutes])).toEqual([
      ['CET', false, 0],
      ['CEST', true, 60],
    ]);
  });
});

describe('labels and quarters', () => {
  it.each([
    ['knowledge-concentration', 'Knowledge concentration'],
    ['checkout-api', 'Checkout API'],
    ['third-party', 'Third party'],
    ['monitoring', 'Monitoring'],
  ])('humanize %s → %s', (slug, expected) => {
    expect(humanize(slug)).toBe(expected);
  });

});

describe('actions', () => {
  const action = (over: Partial<ActionItem>): ActionItem => ({
    title: 't',
    owner: 'o',
    deadline: '2026-11-20',
    priority: 'P1',
    status: 'open',
    incident: 'A',
    overdue: false,
    ...over,
  });

  it.each([
    [action({ deadline: '2026-11-20', overdue: true }), 'Overdue by 7 days'],
    [action({ deadline: '2026-11-26', overdue: true, status: 'in-progress' }), 'Overdue by 1 day'],
    [action({ deadline: '2026-11-27' }), 'Due today'],
    [action({ deadline: '2026-11-30' }), 'Due in 3 days'],
    [action({ status: 'done', completed: '2026-11-19' }), undefined],
    [action({ status: 'wont-do' }), undefined],
  ])('%# → %s', (item, expected) => {
    expect(actionTiming(item, '2026-11-27')).toBe(expected);
  });

  it('lists open actions overdue first, then by deadline', () => {
    const list = openActions([
      action({ title: 'later', deadline: '2026-12-10' }),
      action({ title: 'done', status: 'done', completed: '2026-11-01' }),
      action({ title: 'overdue', deadline: '2026-11-01', overdue: true }),
      action({ title: 'soon', deadline: '2026-11-28', status: 'in-progress' }),
      action({ title: 'dropped', status: 'wont-do' }),
    ]);
    expect(list.map((a) => a.title)).toEqual(['overdue', 'soon', 'later']);
  });
});

describe('costLines', () => {
  // Hand-worked: direct 120000 + 15000 + 2500 = 137500;
  // indirect 46 h × 150 = 6900, 48000 × 0.002 × 900 = 86400, brand 10000 → 103300.
  const full = {
    impact: { usersAffected: 48000, revenueLost: 120000, slaBreached: true },
    cost: { slaCredits: 15000, vendorCosts: 2500, engineeringHours: 46, loadedRate: 150, churn: { probability: 0.002, ltv: 900 }, brand: 10000 },
  };
  const bare = { impact: { usersAffected: 10, revenueLost: 5, slaBreached: false } };
  const sum = (lines: { amount: number | null }[]) => lines.reduce((total, line) => total + line.amount!, 0);

  it.each([
    ['every input', full, 137500, 103300],
    ['no cost block', bare, 5, 0],
    ['default loaded rate', { ...bare, cost: { engineeringHours: 12 } }, 5, 1200],
  ])('%s: lines add up to the model’s cost', (_name, pm, direct, indirect) => {
    const lines = costLines(pm, 100, 'EUR');
    expect(sum(lines.direct)).toBe(direct);
    expect(sum(lines.indirect)).toBeCloseTo(indirect, 6);
    const model = cost(pm, 100, 100);
    expect(sum(lines.direct)).toBe(model.direct);
    expect(sum(lines.indirect)).toBeCloseTo(model.indirect!, 6);
  });

  it('says how each indirect amount was reached', () => {
    const { indirect } = costLines(full, 100, 'EUR');
    expect(indirect.map((line) => line.basis)).toEqual([
      '46 h × €150.00 per hour',
      '48,000 users affected × 0.2% churn × €900.00 lifetime value',
      undefined,
    ]);
    expect(costLines({ ...bare, cost: { engineeringHours: 12 } }, 100, 'USD').indirect[0].basis).toBe('12 h × $100.00 per hour (default rate)');
  });
});

describe('timelineRows: times as people keep them', () => {
  it('reads ~HH:MM as about that time and a date alone as some time that day, with no elapsed time for it', () => {
    const rows = timelineRows(
      [
        { at: '2026-03-14T09:00:00Z', event: 'Start' },
        { at: '2026-03-14T14:05:00Z', event: 'Roughly then', approximate: true },
        { at: '2026-03-15T00:00:00Z', event: 'The next day', dateOnly: true },
      ],
      '2026-03-14T09:00:00Z',
      'UTC',
    );
    expect(rows.map((row) => [row.time, row.elapsedMinutes, row.newDay])).toEqual([
      ['09:00', 0, true],
      ['about 14:05', 305, false],
      ['during the day', null, true],
    ]);
  });

  it('measures no elapsed time from a start that is a date alone', () => {
    const rows = timelineRows([{ at: '2021-12-10T09:00:00Z', event: 'Seen' }], '2021-12-10', 'UTC');
    expect(rows[0].elapsedMinutes).toBeNull();
  });
});
