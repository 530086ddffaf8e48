import { describe, expect, it } from 'vitest';
import { headlineFigures, categoryRepeatPairs, categoryShares, categoryTrendChart, chartSummary, describeChange, formatValue, heatLevel, quarterDays, quarterTrendCharts, repeatPairs, stillOpen, totals, type Better } from './review.ts';
import { actionJson, quarterRecord } from './records.ts';
import { formatPoints, formatRate, formatScore } from '../core/numbers.ts';
import { quarterStats, type QuarterStats } from './quarters.ts';
import { byCategory } from './groups.ts';
import { formatMinutes } from './format.ts';
import { testAction, testLibrary, type Fixture } from './testing.ts';

const count = (n: number) => String(n);

describe('describeChange', () => {
  it.each<{ current: number | null; delta: number | null; previous?: string; better: Better; arrow: string; text: string; verdict: string | null }>([
    { current: 4, delta: 2, better: 'neither', arrow: '▲', text: 'up 2 from 2025-Q4', verdict: null },
    { current: 1, delta: -3, better: 'neither', arrow: '▼', text: 'down 3 from 2025-Q4', verdict: null },
    { current: 145, delta: 40, better: 'lower', arrow: '▲', text: 'up 40 from 2025-Q4', verdict: 'worse' },
    { current: 65, delta: -40, better: 'lower', arrow: '▼', text: 'down 40 from 2025-Q4', verdict: 'better' },
    { current: 3, delta: 1, better: 'higher', arrow: '▲', text: 'up 1 from 2025-Q4', verdict: 'better' },
    { current: 0, delta: -1, better: 'higher', arrow: '▼', text: 'down 1 from 2025-Q4', verdict: 'worse' },
    { current: 5, delta: 0, better: 'lower', arrow: '', text: 'no change from 2025-Q4', verdict: null },
    // 1 − 2/3 − 1/3 is not exactly 0 in floating point: still no change.
    { current: 1, delta: 1 - 2 / 3 - 1 / 3, better: 'higher', arrow: '', text: 'no change from 2025-Q4', verdict: null },
    // The previous quarter was quiet: nothing to compare with.
    { current: 45, delta: null, better: 'lower', arrow: '', text: 'no figure in 2025-Q4 to compare with', verdict: null },
    // This quarter is quiet.
    { current: null, delta: null, better: 'lower', arrow: '', text: 'no data this quarter', verdict: null },
    { current: 45, delta: null, previous: 'none', better: 'lower', arrow: '', text: 'first quarter on record', verdict: null },
  ])('$current, $delta ($better)', ({ current, delta, previous, better, arrow, text, verdict }) => {
    const before = previous === 'none' ? undefined : (previous ?? '2025-Q4');
    expect(describeChange({ current, delta, previous: before, format: count, better })).toEqual({ arrow, text, verdict });
  });

  it('writes the size with the given format, always positive', () => {
    expect(describeChange({ current: 55, delta: -90, previous: '2026-Q1', format: formatMinutes, better: 'lower' }).text).toBe(
      'down 1 h 30 min from 2026-Q1',
    );
    expect(describeChange({ current: 0.5, delta: -0.25, previous: '2026-Q1', format: formatPoints, better: 'higher' })).toEqual({
      arrow: '▼',
      text: 'down 25 points from 2026-Q1',
      verdict: 'worse',
    });
  });
});

describe('formatPoints / formatRate / formatScore', () => {
  it.each([
    [0.25, '25 points'],
    [0.01, '1 point'],
    [1 - 2 / 3, '33.3 points'],
    [0.005, '0.5 points'],
    // No minus sign on a zero: -0, or a change too small to show.
    [-0, '0 points'],
    [-0.0004, '0 points'],
  ])('formatPoints(%s) = %s', (value, expected) => expect(formatPoints(value)).toBe(expected));

  it.each<[number | null, string]>([
    [null, '—'],
    [0, '0%'],
    [5 / 9, '55.6%'],
    [2 / 3, '66.7%'],
    [1, '100%'],
    [-0, '0%'],
  ])('formatRate(%s) = %s', (value, expected) => expect(formatRate(value)).toBe(expected));

  it.each<[number | null, string]>([
    [null, '—'],
    [0, '0'],
    [1.5, '1.5'],
    [8 / 3, '2.7'],
    [3, '3'],
  ])('formatScore(%s) = %s', (value, expected) => expect(formatScore(value)).toBe(expected));
});

describe('quarterDays', () => {
  it.each([
    [{ start: '2026-01-01T00:00:00-05:00', end: '2026-04-01T00:00:00-04:00' }, { first: '2026-01-01', last: '2026-03-31' }],
    [{ start: '2025-10-01T00:00:00-04:00', end: '2026-01-01T00:00:00-05:00' }, { first: '2025-10-01', last: '2025-12-31' }],
    [{ start: '2024-01-01T00:00:00Z', end: '2024-04-01T00:00:00Z' }, { first: '2024-01-01', last: '2024-03-31' }],
  ])('%o', (bounds, expected) => expect(quarterDays(bounds)).toEqual(expected));
});

describe('heatLevel', () => {
  it.each<[number | null, number]>([
    [null, 0],
    [0, 0],
    [0.2, 1],
    [0.99, 1],
    [1, 2],
    [1.5, 2],
    [2, 3],
    [3, 3],
  ])('%s → %s', (mean, level) => expect(heatLevel(mean)).toBe(level));
});

describe('formatValue', () => {
  it.each<[number | null, 'count' | 'minutes' | 'percent' | 'money', string]>([
    [null, 'count', 'no data'],
    [1200, 'count', '1,200'],
    [65, 'minutes', '1 h 5 min'],
    [200 / 3, 'percent', '66.7%'],
    [16200, 'money', '$16,200.00'],
  ])('%s as %s', (value, unit, expected) => expect(formatValue(value, unit, 'USD')).toBe(expected));
});

/*
 * A small library in New York: 2025-Q4 has two post-mortems (one a quarter-boundary case), 2026-Q1
 * none, 2026-Q2 one that repeats the first. Today is 2026-05-20.
 */
const fixtures: Fixture[] = [
  {
    id: 'A',
    started: '2025-11-04T10:00:00-05:00',
    detectAfter: 12,
    resolveAfter: 90,
    severity: 'SEV-2',
    category: 'change-management',
    revenueLost: 6200,
    actions: [
      { status: 'done', completed: '2025-11-10', deadline: '2025-11-11' },
      { status: 'open', deadline: '2026-01-31', owner: 'platform' },
    ],
  },
  // 03:30 UTC on 1 January is 22:30 on 31 December in New York: 2025-Q4.
  { id: 'B', started: '2026-01-01T03:30:00Z', detectAfter: 20, resolveAfter: 120, severity: 'SEV-1', category: 'capacity', revenueLost: 10000, services: ['auth'] },
  {
    id: 'C',
    started: '2026-05-05T14:00:00-04:00',
    detectAfter: 15,
    resolveAfter: 45,
    severity: 'SEV-2',
    category: 'change-management',
    revenueLost: 700,
    actions: [{ status: 'wont-do', deadline: '2026-05-31' }],
  },
  { id: 'D', started: '2026-05-06T14:00:00-04:00', status: 'draft', category: 'change-management', actions: [{ status: 'open', deadline: '2026-01-01' }] },
];
const library = testLibrary(fixtures, { timezone: 'America/New_York', today: '2026-05-20' });
const stats = quarterStats(library.published, library.today, 'America/New_York');

describe('quarterRecord', () => {
  it('carries the keys of docs/site.md#json-files, p90, and the change in the same shape', () => {
    expect(stats.map((quarter) => quarter.quarter)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
    expect(quarterRecord(stats[0])).toEqual({
      quarter: '2025-Q4',
      count: 2,
      bySeverity: { 'SEV-1': 1, 'SEV-2': 1, 'SEV-3': 0 },
      byKind: { incident: 2, 'missed-deadline': 0, 'failed-launch': 0, 'lost-deal': 0, other: 0 },
      mttd: { mean: 16, median: 16, p90: 20 },
      mttr: { mean: 105, median: 105, p90: 120 },
      actionCompletionRate: 0.5,
      onTimeRate: 1,
      repeats: 0,
      totalCost: 16200,
      recorded: { detect: 2, resolve: 2, costed: 2, severity: 2, category: 2 },
      topCategories: ['capacity', 'change-management'],
      change: null,
    });
    // The quiet quarter: nulls, zeros, and changes null where either side has no figure.
    expect(quarterRecord(stats[1])).toMatchObject({
      count: 0,
      mttd: { mean: null, median: null, p90: null },
      actionCompletionRate: null,
      onTimeRate: null,
      totalCost: 0,
      topCategories: [],
      change: { count: -2, mttd: { mean: null, median: null, p90: null }, actionCompletionRate: null, repeats: 0, totalCost: -16200 },
    });
    expect(quarterRecord(stats[2])).toMatchObject({
      count: 1,
      repeats: 1,
      actionCompletionRate: null,
      change: { count: 1, bySeverity: { 'SEV-1': 0, 'SEV-2': 1, 'SEV-3': 0 }, repeats: 1, totalCost: 700 },
    });
  });

  it('is plain JSON', () => {
    const record = quarterRecord(stats[0]);
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });
});

describe('actionJson', () => {
  it.each([
    [0, { incident: 'A', title: 'Add a canary stage', owner: 'platform', deadline: '2025-11-11', priority: 'P2', status: 'done', completed: '2025-11-10', overdue: false, ticket: null }],
    [1, { incident: 'A', title: 'Add a canary stage', owner: 'platform', deadline: '2026-01-31', priority: 'P2', status: 'open', completed: null, overdue: true, ticket: null }],
  ])('action %i of A', (index, expected) => {
    expect(actionJson(library.byId.get('A')!.actions[index])).toEqual(expected);
  });
});

describe('quarterTrendCharts', () => {
  const charts = quarterTrendCharts(stats, 'USD');

  it('gives one series per figure, gaps as null', () => {
    expect(charts.map((chart) => chart.id)).toEqual(['chart-severity', 'chart-times', 'chart-actions', 'chart-repeats', 'chart-cost']);
    expect(charts[0].series.map((line) => [line.label, line.data])).toEqual([
      ['SEV-1', [1, 0, 0]],
      ['SEV-2', [1, 0, 1]],
      ['SEV-3', [0, 0, 0]],
    ]);
    expect(charts[1].series.map((line) => line.data)).toEqual([
      [16, null, 15],
      [105, null, 45],
    ]);
    expect(charts[2].series.map((line) => line.data)).toEqual([
      [50, null, null],
      [100, null, null],
    ]);
    expect(charts[4].series[0].data).toEqual([16200, 0, 700]);
  });

  it('summarises each chart in words', () => {
    expect(charts[0].summary).toBe(
      'Stacked bar chart, post-mortems by severity, 2025-Q4 to 2026-Q2. Total: 1 in 2026-Q2, highest 2 in 2025-Q4. The table beside it gives every number.',
    );
    expect(charts[2].summary).toBe(
      'Line chart, action completion and on-time rates, 2025-Q4 to 2026-Q2. Completed: 50% in 2025-Q4, highest 50% in 2025-Q4; Done on time: 100% in 2025-Q4, highest 100% in 2025-Q4. The table beside it gives every number.',
    );
  });

  it('says when there is nothing to draw', () => {
    expect(chartSummary({ ...charts[0], labels: [], series: [] })).toBe('Post-mortems by severity: no quarters to show yet.');
    expect(chartSummary({ ...charts[1], series: [{ key: 'x', label: 'X', data: [null, null, null] }] })).toContain('X: no data');
  });

  it.each([
    [[{ key: 'a', label: 'a', data: [1, null] }, { key: 'b', label: 'b', data: [2, 3] }], [3, 3]],
    [[], [0, 0]],
  ])('totals %#', (series, expected) => expect(totals(series, 2)).toEqual(expected));
});

describe('repeats and categories', () => {
  it('pairs each counted repeat with the post-mortem it repeats', () => {
    const pairs = repeatPairs(library.incidents, library.byId);
    expect(pairs.map((pair) => [pair.incident.id, pair.of?.id, pair.detected])).toEqual([['C', 'A', true]]);
  });

  it('keeps repeats inside a category only when both share it', () => {
    const groups = byCategory(library.published);
    const change = groups.find((group) => group.category === 'change-management')!;
    expect(categoryRepeatPairs(change, library.byId).map((pair) => pair.incident.id)).toEqual(['C']);
    const capacity = groups.find((group) => group.category === 'capacity')!;
    expect(categoryRepeatPairs(capacity, library.byId)).toEqual([]);
    expect(categoryTrendChart(change, 'Change management by quarter', 'USD').series[0].data).toEqual([1, 0, 1]);
  });

  it('gives the figures of named categories', () => {
    expect(categoryShares(library.incidents, ['change-management', 'capacity', 'testing'])).toEqual([
      { category: 'change-management', count: 2, totalCost: 6900 },
      { category: 'capacity', count: 1, totalCost: 10000 },
      { category: 'testing', count: 0, totalCost: 0 },
    ]);
  });

  it('lists open actions of counted post-mortems, overdue first', () => {
    const withDrafts = testLibrary(
      [
        ...fixtures,
        { id: 'E', started: '2026-05-10T10:00:00-04:00', actions: [testAction({ deadline: '2026-06-30' }), testAction({ status: 'in-progress', deadline: '2026-05-01' })] },
      ],
      { timezone: 'America/New_York', today: '2026-05-20', drafts: true },
    );
    expect(stillOpen(withDrafts.incidents).map((action) => [action.incident, action.deadline, action.overdue])).toEqual([
      ['A', '2026-01-31', true],
      ['E', '2026-05-01', true],
      ['E', '2026-06-30', false],
    ]);
  });
});

describe('headlineFigures', () => {
  const base = {
    quarter: '2026-Q2',
    count: 3,
    bySeverity: { 'SEV-1': 1, 'SEV-2': 2, 'SEV-3': 0 },
    mttd: { mean: 10, median: 8, p90: 20 },
    mttr: { mean: 100, median: 90, p90: 150 },
    actionCompletionRate: 0.5,
    onTimeRate: 1,
    repeats: 1,
    totalCost: 1000,
  };
  it('compares with the quarter before, saying which way is better', () => {
    const stats = { ...base, change: { count: 2, mttdMedian: -4, mttrMedian: 30, actionCompletionRate: 0.25, onTimeRate: 0, repeats: 1, totalCost: -500 } } as unknown as QuarterStats;
    const figures = headlineFigures(stats, 'USD');
    const byLabel = Object.fromEntries(figures.map((f) => [f.label, f]));
    expect(byLabel['Post-mortems'].change.text).toBe('up 2 from 2026-Q1');
    expect(byLabel['MTTD (median)'].change).toMatchObject({ arrow: '▼', verdict: 'better' });
    expect(byLabel['MTTR (median)'].change).toMatchObject({ arrow: '▲', verdict: 'worse' });
    expect(byLabel['Done on time'].change.text).toBe('no change from 2026-Q1');
    expect(byLabel['Total cost']).toMatchObject({ value: '$1,000.00', money: true });
    expect(byLabel['Total cost'].change.text).toBe('down $500.00 from 2026-Q1');
  });
  it('says so for the first quarter on record', () => {
    const figures = headlineFigures({ ...base, change: null } as unknown as QuarterStats, 'USD');
    expect(figures.every((f) => f.change.text === 'first quarter on record')).toBe(true);
  });
});
