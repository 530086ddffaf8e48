import { describe, expect, it } from 'vitest';
import { quarterOf } from '../core/time.ts';
import {
  actionRates,
  collapseQuietQuarters,
  doneBy,
  nextQuarter,
  previousQuarter,
  quarterBounds,
  quarterOfDate,
  quarterRange,
  quarterStats,
  type QuarterStats,
} from './quarters.ts';
import { testAction, testLibrary, type Fixture } from './testing.ts';

describe('collapseQuietQuarters', () => {
  // `2019-Q1:3` is a quarter with three post-mortems; `*` marks the current quarter. A line is a
  // quarter's name, or `from – to (n)` for a run told as one.
  const quarters = (text: string) =>
    text.split(' ').map((token) => {
      const [name, count] = token.replace('*', '').split(':');
      return { quarter: name, count: Number(count), current: token.endsWith('*') };
    });
  const lines = (text: string, minimum?: number) =>
    collapseQuietQuarters(quarters(text), minimum).map((line) => ('quiet' in line ? `${line.quiet.from} – ${line.quiet.to} (${line.quiet.count})` : line.quarter.quarter));

  it.each([
    { name: 'nothing to collapse', list: '', expected: [] },
    { name: 'no quiet quarter', list: '2026-Q1:2 2026-Q2:1', expected: ['2026-Q1', '2026-Q2'] },
    { name: 'three quiet in a row stay', list: '2025-Q1:1 2025-Q2:0 2025-Q3:0 2025-Q4:0 2026-Q1:1', expected: ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1'] },
    { name: 'four quiet in a row are one line', list: '2025-Q1:1 2025-Q2:0 2025-Q3:0 2025-Q4:0 2026-Q1:0 2026-Q2:4', expected: ['2025-Q1', '2025-Q2 – 2026-Q1 (4)', '2026-Q2'] },
    {
      name: 'years of quiet, then busy, then quiet again',
      list: '2015-Q4:2 2016-Q1:0 2016-Q2:0 2016-Q3:0 2016-Q4:0 2017-Q1:0 2017-Q2:1 2017-Q3:0 2017-Q4:0 2018-Q1:0 2018-Q2:0 2018-Q3:1',
      expected: ['2015-Q4', '2016-Q1 – 2017-Q1 (5)', '2017-Q2', '2017-Q3 – 2018-Q2 (4)', '2018-Q3'],
    },
    { name: 'a run at the end', list: '2025-Q1:1 2025-Q2:0 2025-Q3:0 2025-Q4:0 2026-Q1:0', expected: ['2025-Q1', '2025-Q2 – 2026-Q1 (4)'] },
    { name: 'the current quarter, quiet, is shown and breaks the run', list: '2025-Q1:1 2025-Q2:0 2025-Q3:0 2025-Q4:0 2026-Q1:0*', expected: ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1'] },
    { name: 'newest first: the run still reads oldest to newest', list: '2026-Q2:4 2026-Q1:0 2025-Q4:0 2025-Q3:0 2025-Q2:0 2025-Q1:1', expected: ['2026-Q2', '2025-Q2 – 2026-Q1 (4)', '2025-Q1'] },
  ])('$name', ({ list, expected }) => {
    expect(list ? lines(list) : collapseQuietQuarters([])).toEqual(expected);
  });

  it('takes another minimum', () => {
    expect(lines('2025-Q1:1 2025-Q2:0 2025-Q3:0 2025-Q4:1', 2)).toEqual(['2025-Q1', '2025-Q2 – 2025-Q3 (2)', '2025-Q4']);
  });
});

describe('quarterRange', () => {
  it.each([
    { first: '2025-Q3', last: '2026-Q4', expected: ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'] },
    { first: '2025-Q4', last: '2026-Q1', expected: ['2025-Q4', '2026-Q1'] },
    { first: '2026-Q2', last: '2026-Q2', expected: ['2026-Q2'] },
    { first: '2026-Q3', last: '2026-Q2', expected: [] },
    { first: '1999-Q4', last: '2000-Q1', expected: ['1999-Q4', '2000-Q1'] },
  ])('$first … $last', ({ first, last, expected }) => {
    expect(quarterRange(first, last)).toEqual(expected);
  });

  it.each([
    ['2026-Q5', '2026-Q4'],
    ['2026Q1', '2026-Q4'],
    ['2026-Q1', 'soon'],
  ])('rejects %s … %s', (first, last) => {
    expect(() => quarterRange(first, last)).toThrow(RangeError);
  });
});

describe('previousQuarter / nextQuarter', () => {
  it.each([
    { quarter: '2026-Q1', previous: '2025-Q4', next: '2026-Q2' },
    { quarter: '2026-Q3', previous: '2026-Q2', next: '2026-Q4' },
    { quarter: '2025-Q4', previous: '2025-Q3', next: '2026-Q1' },
  ])('$quarter', ({ quarter, previous, next }) => {
    expect(previousQuarter(quarter)).toBe(previous);
    expect(nextQuarter(quarter)).toBe(next);
  });
});

describe('quarterOfDate', () => {
  it.each([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-06-30', '2026-Q2'],
    ['2026-07-01', '2026-Q3'],
    ['2026-12-31', '2026-Q4'],
  ])('%s is in %s', (date, quarter) => {
    expect(quarterOfDate(date)).toBe(quarter);
  });

  it.each(['2026-13-01', '2026-00-10', '31/03/2026', '2026-03-31T23:30:00Z'])('rejects %s', (date) => {
    expect(() => quarterOfDate(date)).toThrow(RangeError);
  });
});

describe('quarterBounds', () => {
  it.each([
    { quarter: '2026-Q1', zone: 'UTC', start: '2026-01-01T00:00:00Z', end: '2026-04-01T00:00:00Z' },
    // Berlin switches to summer time on 29 March: the quarter starts at +01:00 and ends at +02:00.
    { quarter: '2026-Q1', zone: 'Europe/Berlin', start: '2026-01-01T00:00:00+01:00', end: '2026-04-01T00:00:00+02:00' },
    { quarter: '2026-Q2', zone: 'Europe/Berlin', start: '2026-04-01T00:00:00+02:00', end: '2026-07-01T00:00:00+02:00' },
    { quarter: '2025-Q4', zone: 'America/New_York', start: '2025-10-01T00:00:00-04:00', end: '2026-01-01T00:00:00-05:00' },
  ])('$quarter in $zone', ({ quarter, zone, start, end }) => {
    expect(quarterBounds(quarter, zone)).toEqual({ start, end });
  });

  it('agrees with quarterOf from time.ts at the boundary (end exclusive)', () => {
    const { start, end } = quarterBounds('2026-Q2', 'Europe/Berlin');
    const lastMomentOfQ1 = '2026-03-31T21:59:00Z';
    const firstMomentOfQ2 = '2026-03-31T22:00:00Z';
    expect(Date.parse(firstMomentOfQ2)).toBe(Date.parse(start));
    expect(quarterOf(lastMomentOfQ1, 'Europe/Berlin')).toBe('2026-Q1');
    expect(quarterOf(firstMomentOfQ2, 'Europe/Berlin')).toBe('2026-Q2');
    expect(quarterOf(end, 'Europe/Berlin')).toBe('2026-Q3');
  });

  it('rejects an unknown zone', () => {
    expect(() => quarterBounds('2026-Q1', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('doneBy (as of today)', () => {
  it.each([
    { action: { status: 'done', completed: '2026-04-01' }, today: '2026-04-01', expected: true },
    { action: { status: 'done', completed: '2026-03-15' }, today: '2026-04-01', expected: true },
    // The schema allows a future completed date; as of today that action is not done yet.
    { action: { status: 'done', completed: '2026-04-02' }, today: '2026-04-01', expected: false },
    { action: { status: 'open' }, today: '2026-04-01', expected: false },
    { action: { status: 'in-progress' }, today: '2026-04-01', expected: false },
    { action: { status: 'wont-do' }, today: '2026-04-01', expected: false },
  ] as const)('$action.status $action.completed on $today → $expected', ({ action, today, expected }) => {
    expect(doneBy(action, today)).toBe(expected);
  });
});

describe('actionRates', () => {
  const today = '2026-04-15';
  const done = (completed: string, deadline: string) => testAction({ status: 'done', completed, deadline });
  it.each([
    { name: 'no actions', actions: [], completionRate: null, onTimeRate: null },
    { name: 'only wont-do: denominator 0', actions: [testAction({ status: 'wont-do' })], completionRate: null, onTimeRate: null },
    { name: 'nothing done yet', actions: [testAction(), testAction({ status: 'in-progress' })], completionRate: 0, onTimeRate: null },
    {
      name: 'wont-do left out of the denominator',
      actions: [done('2026-04-01', '2026-04-05'), testAction(), testAction({ status: 'wont-do' })],
      completionRate: 1 / 2,
      onTimeRate: 1,
    },
    {
      name: 'completed on the deadline is on time, after it is late',
      actions: [done('2026-04-05', '2026-04-05'), done('2026-04-06', '2026-04-05'), testAction({ status: 'in-progress' })],
      completionRate: 2 / 3,
      onTimeRate: 1 / 2,
    },
    {
      name: 'completed after today: not done yet (but still in the denominator)',
      actions: [done('2026-04-15', '2026-04-20'), done('2026-04-16', '2026-04-20')],
      completionRate: 1 / 2,
      onTimeRate: 1,
    },
    { name: 'only future completions', actions: [done('2026-05-01', '2026-04-20')], completionRate: 0, onTimeRate: null },
  ])('$name', ({ actions, completionRate, onTimeRate }) => {
    expect(actionRates(actions, today)).toEqual({ completionRate, onTimeRate });
  });
});

/*
 * The main review scenario, settings zone Europe/Berlin, today 2026-10-01 (the first day of Q4).
 *
 *   quarter  | post-mortems              | notes
 *   2025-Q4  | A (SEV-1), B (SEV-2)      | B's done action is late; A has a wont-do
 *   2026-Q1  | —                         | quiet quarter in the middle
 *   2026-Q2  | C, D, E, F (+ draft G)    | C started 2026-03-31T23:30Z = 01:30 on 1 April in Berlin;
 *            |                           | C is a detected repeat of A (monitoring, checkout-api);
 *            |                           | D's done action is dated 2026-12-01, after today
 *   2026-Q3  | H                         | no actions
 *   2026-Q4  | —                         | today's quarter, empty so far
 */
const scenario: Fixture[] = [
  {
    id: 'A',
    started: '2025-11-10T10:00:00+01:00',
    severity: 'SEV-1',
    category: 'monitoring',
    services: ['checkout-api'],
    detectAfter: 10,
    resolveAfter: 100,
    revenueLost: 1000,
    actions: [
      { status: 'done', completed: '2025-11-15', deadline: '2025-11-20' },
      { status: 'wont-do', deadline: '2025-12-01' },
    ],
  },
  {
    id: 'B',
    started: '2025-12-20T08:00:00+01:00',
    kind: 'missed-deadline',
    severity: 'SEV-2',
    category: 'testing',
    services: ['search'],
    detectAfter: 30,
    resolveAfter: 200,
    revenueLost: 500,
    actions: [
      { status: 'done', completed: '2026-01-10', deadline: '2026-01-05' },
      { status: 'open', deadline: '2026-01-31' },
    ],
  },
  {
    id: 'C',
    started: '2026-03-31T23:30:00Z',
    severity: 'SEV-1',
    category: 'monitoring',
    services: ['checkout-api'],
    detectAfter: 5,
    resolveAfter: 40,
    revenueLost: 2000,
    actions: [{ status: 'done', completed: '2026-04-05', deadline: '2026-04-08' }],
  },
  {
    id: 'D',
    started: '2026-05-05T12:00:00+02:00',
    severity: 'SEV-3',
    category: 'testing',
    services: ['payments'],
    detectAfter: 20,
    resolveAfter: 90,
    revenueLost: 3000,
    actions: [
      { status: 'done', completed: '2026-12-01', deadline: '2026-11-30' },
      { status: 'in-progress', deadline: '2026-06-01' },
    ],
  },
  { id: 'E', started: '2026-06-01T09:00:00+02:00', category: 'capacity', services: ['search'], detectAfter: 15, resolveAfter: 30, revenueLost: 4000 },
  { id: 'F', started: '2026-06-15T09:00:00+02:00', category: 'capacity', services: ['api-gateway'], detectAfter: 40, resolveAfter: 120 },
  {
    id: 'G',
    status: 'draft',
    started: '2026-06-20T09:00:00+02:00',
    severity: 'SEV-1',
    category: 'testing',
    services: ['payments'],
    detectAfter: 1,
    resolveAfter: 1000,
    revenueLost: 99_999,
    actions: [{ status: 'open', deadline: '2026-07-01' }],
  },
  { id: 'H', started: '2026-08-10T10:00:00+02:00', category: 'process', services: ['search'], detectAfter: 60, resolveAfter: 240, revenueLost: 100 },
];

const none = { mean: null, median: null, p90: null };
const severities = (one: number, two: number, three: number) => ({ 'SEV-1': one, 'SEV-2': two, 'SEV-3': three });
const kinds = (incident: number, missedDeadline = 0) => ({
  incident,
  'missed-deadline': missedDeadline,
  'failed-launch': 0,
  'lost-deal': 0,
  other: 0,
});
const emptyChange = (partial: Partial<NonNullable<QuarterStats['change']>>) => ({
  count: 0,
  bySeverity: severities(0, 0, 0),
  byKind: kinds(0),
  mttdMean: null,
  mttdMedian: null,
  mttdP90: null,
  mttrMean: null,
  mttrMedian: null,
  mttrP90: null,
  actionCompletionRate: null,
  onTimeRate: null,
  repeats: 0,
  totalCost: 0,
  ...partial,
});

// Every post-mortem of the scenario records every figure's inputs.
const all = (count: number) => ({ detect: count, resolve: count, costed: count, severity: count, category: count });

const expected: QuarterStats[] = [
  {
    quarter: '2025-Q4',
    start: '2025-10-01T00:00:00+02:00',
    end: '2026-01-01T00:00:00+01:00',
    current: false,
    count: 2,
    recorded: all(2),
    bySeverity: severities(1, 1, 0),
    byKind: kinds(1, 1),
    mttd: { mean: 20, median: 20, p90: 30 },
    mttr: { mean: 150, median: 150, p90: 200 },
    // done: A's and B's (both by today); all − wont-do = 4 − 1 = 3.
    actionCompletionRate: 2 / 3,
    // B's was completed 2026-01-10, after its 2026-01-05 deadline.
    onTimeRate: 1 / 2,
    repeats: 0,
    totalCost: 1500,
    // One each; monitoring's 1000 beats testing's 500.
    topCategories: ['monitoring', 'testing'],
    change: null,
  },
  {
    quarter: '2026-Q1',
    start: '2026-01-01T00:00:00+01:00',
    end: '2026-04-01T00:00:00+02:00',
    current: false,
    count: 0,
    recorded: all(0),
    bySeverity: severities(0, 0, 0),
    byKind: kinds(0),
    mttd: none,
    mttr: none,
    actionCompletionRate: null,
    onTimeRate: null,
    repeats: 0,
    totalCost: 0,
    topCategories: [],
    change: emptyChange({ count: -2, bySeverity: severities(-1, -1, 0), byKind: kinds(-1, -1), totalCost: -1500 }),
  },
  {
    quarter: '2026-Q2',
    start: '2026-04-01T00:00:00+02:00',
    end: '2026-07-01T00:00:00+02:00',
    current: false,
    count: 4,
    recorded: all(4),
    bySeverity: severities(1, 2, 1),
    byKind: kinds(4),
    // detect [5, 15, 20, 40]: mean 20, median (15 + 20) / 2, p90 rank ⌈3.6⌉ = 4.
    mttd: { mean: 20, median: 17.5, p90: 40 },
    // resolve [30, 40, 90, 120]: mean 70 but median (40 + 90) / 2 = 65.
    mttr: { mean: 70, median: 65, p90: 120 },
    // C's done; D's done is dated after today and D's other is in progress: 1 of 3.
    actionCompletionRate: 1 / 3,
    onTimeRate: 1,
    // C repeats A from the previous year: it counts here, in the later quarter.
    repeats: 1,
    totalCost: 9000,
    // capacity 2; then testing (3000) before monitoring (2000) on cost.
    topCategories: ['capacity', 'testing', 'monitoring'],
    // From an empty quarter: counts and money change, minutes and rates have nothing to compare.
    change: emptyChange({ count: 4, bySeverity: severities(1, 2, 1), byKind: kinds(4), repeats: 1, totalCost: 9000 }),
  },
  {
    quarter: '2026-Q3',
    start: '2026-07-01T00:00:00+02:00',
    end: '2026-10-01T00:00:00+02:00',
    current: false,
    count: 1,
    recorded: all(1),
    bySeverity: severities(0, 1, 0),
    byKind: kinds(1),
    mttd: { mean: 60, median: 60, p90: 60 },
    mttr: { mean: 240, median: 240, p90: 240 },
    actionCompletionRate: null,
    onTimeRate: null,
    repeats: 0,
    totalCost: 100,
    topCategories: ['process'],
    change: emptyChange({
      count: -3,
      bySeverity: severities(-1, -1, -1),
      byKind: kinds(-3),
      mttdMean: 40,
      mttdMedian: 42.5,
      mttdP90: 20,
      mttrMean: 170,
      mttrMedian: 175,
      mttrP90: 120,
      repeats: -1,
      totalCost: -8900,
    }),
  },
  {
    quarter: '2026-Q4',
    start: '2026-10-01T00:00:00+02:00',
    end: '2027-01-01T00:00:00+01:00',
    current: true,
    count: 0,
    recorded: all(0),
    bySeverity: severities(0, 0, 0),
    byKind: kinds(0),
    mttd: none,
    mttr: none,
    actionCompletionRate: null,
    onTimeRate: null,
    repeats: 0,
    totalCost: 0,
    topCategories: [],
    change: emptyChange({ count: -1, bySeverity: severities(0, -1, 0), byKind: kinds(-1), totalCost: -100 }),
  },
];

describe('quarterStats: the review scenario', () => {
  const today = '2026-10-01';
  const library = testLibrary(scenario, { timezone: 'Europe/Berlin', today, drafts: true });
  const stats = quarterStats(library.published, today, 'Europe/Berlin');

  it('runs from the earliest post-mortem to today, quiet quarters included', () => {
    expect(stats.map((quarter) => quarter.quarter)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });

  it.each(expected.map((quarter) => [quarter.quarter, quarter] as const))('%s', (quarter, figures) => {
    expect(stats.find((entry) => entry.quarter === quarter)).toEqual(figures);
  });

  it('skips drafts even when handed every incident', () => {
    expect(library.incidents.some((incident) => !incident.counted)).toBe(true);
    expect(quarterStats(library.incidents, today, 'Europe/Berlin')).toEqual(stats);
  });

  it('counts C in the quarter the library gave it (Berlin), not the UTC one', () => {
    expect(library.byId.get('C')?.quarter).toBe(quarterOf('2026-03-31T23:30:00Z', 'Europe/Berlin'));
    expect(library.byId.get('C')?.quarter).toBe('2026-Q2');
    expect(library.byId.get('C')?.repeat).toEqual({ of: 'A', detected: true });
  });
});

describe('quarterStats: quarter boundaries in the settings zone', () => {
  it.each([
    { zone: 'Europe/Berlin', started: '2026-03-31T23:30:00Z', quarter: '2026-Q2' },
    { zone: 'UTC', started: '2026-03-31T23:30:00Z', quarter: '2026-Q1' },
    { zone: 'Europe/Berlin', started: '2026-03-31T21:59:00Z', quarter: '2026-Q1' },
    { zone: 'Europe/Berlin', started: '2025-12-31T23:30:00Z', quarter: '2026-Q1' },
    // 22:00 on 31 March in New York is already April in UTC.
    { zone: 'America/New_York', started: '2026-04-01T02:00:00Z', quarter: '2026-Q1' },
  ])('$started in $zone → $quarter', ({ zone, started, quarter }) => {
    const library = testLibrary([{ id: 'one', started }], { timezone: zone, today: '2026-04-15' });
    const stats = quarterStats(library.published, '2026-04-15', zone);
    expect(stats[0]).toMatchObject({ quarter, count: 1 });
    expect(stats.map((entry) => entry.quarter)).toEqual(quarterRange(quarter, '2026-Q2'));
  });
});

describe('quarterStats: the range', () => {
  it.each([
    { name: 'no published post-mortem', fixtures: [], today: '2026-05-01', quarters: [] },
    {
      name: 'only drafts',
      fixtures: [{ id: 'd', status: 'draft', started: '2026-01-05T10:00:00Z' }] as Fixture[],
      today: '2026-05-01',
      quarters: [],
    },
    {
      name: 'today on the first day of a quarter opens it',
      fixtures: [{ id: 'a', started: '2026-02-01T10:00:00Z' }],
      today: '2026-04-01',
      quarters: ['2026-Q1', '2026-Q2'],
    },
    {
      name: 'today on the last day of a quarter does not',
      fixtures: [{ id: 'a', started: '2026-02-01T10:00:00Z' }],
      today: '2026-03-31',
      quarters: ['2026-Q1'],
    },
    {
      name: 'quiet quarters up to today',
      fixtures: [{ id: 'a', started: '2025-08-01T10:00:00Z' }],
      today: '2026-02-01',
      quarters: ['2025-Q3', '2025-Q4', '2026-Q1'],
    },
    {
      name: 'a post-mortem dated after today stretches the range instead of vanishing',
      fixtures: [{ id: 'a', started: '2026-02-01T10:00:00Z' }, { id: 'b', started: '2026-04-02T10:00:00Z' }],
      today: '2026-01-15',
      quarters: ['2026-Q1', '2026-Q2'],
    },
  ])('$name', ({ fixtures, today, quarters }) => {
    const library = testLibrary(fixtures, { today, drafts: true });
    const stats = quarterStats(library.incidents, today, 'UTC');
    expect(stats.map((entry) => entry.quarter)).toEqual(quarters);
    expect(stats.filter((entry) => entry.current).map((entry) => entry.quarter)).toEqual(quarters.filter((quarter) => quarter === quarterOfDate(today)));
  });
});

describe('quarterStats: top categories', () => {
  // Each row is one quarter's post-mortems as [category, cost]; services differ so none repeats.
  it.each([
    { name: 'by count', incidents: [['testing', 1], ['monitoring', 5], ['testing', 1]], top: ['testing', 'monitoring'] },
    { name: 'count tie: higher total cost first', incidents: [['capacity', 100], ['process', 900]], top: ['process', 'capacity'] },
    { name: 'count and cost tie: name ascending', incidents: [['testing', 500], ['capacity', 500], ['monitoring', 500]], top: ['capacity', 'monitoring', 'testing'] },
    {
      name: 'only three, the fourth cut on the tie-breaks',
      incidents: [['testing', 10], ['testing', 10], ['process', 300], ['monitoring', 200], ['capacity', 200]],
      top: ['testing', 'process', 'capacity'],
    },
    { name: 'cost summed over the category', incidents: [['capacity', 300], ['capacity', 300], ['process', 200], ['process', 500]], top: ['process', 'capacity'] },
  ] as { name: string; incidents: [string, number][]; top: string[] }[])('$name', ({ incidents, top }) => {
    const fixtures = incidents.map(([category, revenueLost], index): Fixture => ({
      id: `i${index}`,
      started: `2026-02-0${index + 1}T10:00:00Z`,
      category,
      revenueLost,
      services: [`service-${index}`],
    }));
    const library = testLibrary(fixtures, { today: '2026-03-01' });
    expect(quarterStats(library.published, '2026-03-01', 'UTC')[0].topCategories).toEqual(top);
  });
});

describe('quarterStats: change against the previous quarter', () => {
  // Q1: X (detect 10, resolve 60), actions done on time + open → 1/2 completion, all on time.
  // Q2: Y (detect 25, resolve 45), a detected repeat of X, actions done late + done on time.
  const library = testLibrary(
    [
      {
        id: 'X',
        started: '2026-01-10T10:00:00Z',
        detectAfter: 10,
        resolveAfter: 60,
        revenueLost: 800,
        actions: [{ status: 'done', completed: '2026-01-12', deadline: '2026-01-15' }, { status: 'open', deadline: '2026-01-20' }],
      },
      {
        id: 'Y',
        started: '2026-04-10T10:00:00Z',
        detectAfter: 25,
        resolveAfter: 45,
        revenueLost: 200,
        severity: 'SEV-1',
        actions: [
          { status: 'done', completed: '2026-04-20', deadline: '2026-04-15' },
          { status: 'done', completed: '2026-04-14', deadline: '2026-04-15' },
        ],
      },
    ],
    { today: '2026-06-30' },
  );
  const [q1, q2] = quarterStats(library.published, '2026-06-30', 'UTC');

  it('the first quarter has no change', () => {
    expect(q1.change).toBeNull();
  });

  it.each([
    ['count', 0],
    ['mttdMean', 15],
    ['mttdMedian', 15],
    ['mttdP90', 15],
    ['mttrMean', -15],
    ['mttrMedian', -15],
    ['mttrP90', -15],
    ['actionCompletionRate', 0.5],
    ['onTimeRate', -0.5],
    ['repeats', 1],
    ['totalCost', -600],
  ] as const)('%s changes by %d', (key, value) => {
    expect(q2.change?.[key]).toBe(value);
  });

  it('per severity too', () => {
    expect(q2.change?.bySeverity).toEqual(severities(1, -1, 0));
  });
});
