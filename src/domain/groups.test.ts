import { describe, expect, it } from 'vitest';
import { FACTOR_KEYS, type FactorKey } from '../schemas/settings.ts';
import { actionSummary, byCategory, byService, factorHeatmap } from './groups.ts';
import { testLibrary, type Fixture } from './testing.ts';

/*
 * UTC, today 2026-07-15, drafts shown (as in a pull-request preview).
 *
 *   G1  2026-Q1  monitoring  checkout-api, cdn-edge  1000  monitoring 3, testing 1
 *       actions: a1 done on time (payments-sre, P1), a2 open, due 02-01 (payments-sre, P1)
 *   G2  2026-Q1  monitoring  checkout-api            3000  monitoring 1, testing 2
 *       detected repeat of G1 (same category, shares checkout-api)
 *       actions: a3 in progress, due 08-01 (edge-team, P0), a4 wont-do (edge-team, P2)
 *   G3  2026-Q2  testing     search                   500  testing 3, process 2
 *       repeatOf G1 (a monitoring post-mortem: not a repeat inside testing)
 *       actions: a5 done late (search-team, P2), a6 open, due 07-14 (payments-sre, P2)
 *   G4  2026-Q2  testing     search, checkout-api   99999  draft: listed, never counted
 */
const fixtures: Fixture[] = [
  {
    id: 'G1',
    started: '2026-01-05T10:00:00Z',
    category: 'monitoring',
    services: ['checkout-api', 'cdn-edge'],
    revenueLost: 1000,
    factors: { monitoring: 3, testing: 1 },
    actions: [
      { title: 'a1', status: 'done', completed: '2026-01-10', deadline: '2026-01-12', owner: 'payments-sre', priority: 'P1' },
      { title: 'a2', status: 'open', deadline: '2026-02-01', owner: 'payments-sre', priority: 'P1' },
    ],
  },
  {
    id: 'G2',
    started: '2026-02-10T10:00:00Z',
    category: 'monitoring',
    services: ['checkout-api'],
    revenueLost: 3000,
    factors: { monitoring: 1, testing: 2 },
    actions: [
      { title: 'a3', status: 'in-progress', deadline: '2026-08-01', owner: 'edge-team', priority: 'P0' },
      { title: 'a4', status: 'wont-do', deadline: '2026-03-01', owner: 'edge-team', priority: 'P2' },
    ],
  },
  {
    id: 'G3',
    started: '2026-04-20T10:00:00Z',
    category: 'testing',
    services: ['search'],
    revenueLost: 500,
    repeatOf: 'G1',
    factors: { testing: 3, process: 2 },
    actions: [
      { title: 'a5', status: 'done', completed: '2026-05-10', deadline: '2026-05-01', owner: 'search-team', priority: 'P2' },
      { title: 'a6', status: 'open', deadline: '2026-07-14', owner: 'payments-sre', priority: 'P2' },
    ],
  },
  {
    id: 'G4',
    status: 'draft',
    started: '2026-05-01T10:00:00Z',
    category: 'testing',
    services: ['search', 'checkout-api'],
    revenueLost: 99_999,
    factors: { testing: 0, capacity: 3 },
    actions: [{ title: 'draft action', status: 'open', deadline: '2026-05-02', owner: 'edge-team', priority: 'P0' }],
  },
];

const today = '2026-07-15';
const library = testLibrary(fixtures, { today, drafts: true });
const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);
const titles = (items: readonly { title: string }[]) => items.map((item) => item.title);
/** All ten factor means: the listed ones, the rest `rest` (0 with post-mortems, null without). */
const factorMeans = (listed: Partial<Record<FactorKey, number>>, rest: number | null = 0) =>
  FACTOR_KEYS.map((key) => ({ key, mean: listed[key] ?? rest }));

describe('the fixture library', () => {
  it('is what the groupings below were worked out from', () => {
    expect(ids(library.incidents)).toEqual(['G4', 'G3', 'G2', 'G1']);
    expect(ids(library.published)).toEqual(['G3', 'G2', 'G1']);
    expect(library.byId.get('G2')?.repeat).toEqual({ of: 'G1', detected: true });
    expect(library.byId.get('G3')?.repeat).toEqual({ of: 'G1', detected: false });
  });
});

describe('byCategory', () => {
  const groups = byCategory(library.incidents, { quarters: ['2026-Q1', '2026-Q2', '2026-Q3'], categories: ['capacity', 'monitoring', 'testing'] });

  it('orders by count, then cost, then name, listing asked-for empty categories last', () => {
    expect(groups.map((group) => group.category)).toEqual(['monitoring', 'testing', 'capacity']);
  });

  it.each([
    {
      category: 'monitoring',
      incidents: ['G2', 'G1'],
      count: 2,
      totalCost: 4000,
      perQuarter: [1 + 1, 0, 0],
      // G2 repeats G1, also monitoring.
      repeats: 1,
      factors: factorMeans({ monitoring: (3 + 1) / 2, testing: (1 + 2) / 2 }),
    },
    {
      category: 'testing',
      // The draft is listed (preview) but counts nowhere: not in count, cost, quarters or factors.
      incidents: ['G4', 'G3'],
      count: 1,
      totalCost: 500,
      perQuarter: [0, 1, 0],
      // G3 repeats G1, whose root cause is monitoring.
      repeats: 0,
      factors: factorMeans({ testing: 3, process: 2 }),
    },
    { category: 'capacity', incidents: [], count: 0, totalCost: 0, perQuarter: [0, 0, 0], repeats: 0, factors: factorMeans({}, null) },
  ])('$category', ({ category, incidents, count, totalCost, perQuarter, repeats, factors }) => {
    const group = groups.find((entry) => entry.category === category)!;
    expect(ids(group.incidents)).toEqual(incidents);
    expect(group).toMatchObject({ count, totalCost, repeats, factors });
    expect(group.perQuarter).toEqual(['2026-Q1', '2026-Q2', '2026-Q3'].map((quarter, index) => ({ quarter, count: perQuarter[index] })));
  });

  it('defaults the quarters to the span of the counted post-mortems and lists only categories in use', () => {
    const plain = byCategory(library.published);
    expect(plain.map((group) => group.category)).toEqual(['monitoring', 'testing']);
    expect(plain[0].perQuarter).toEqual([
      { quarter: '2026-Q1', count: 2 },
      { quarter: '2026-Q2', count: 0 },
    ]);
  });

  it('breaks a count tie on cost, then on name', () => {
    const tied = testLibrary(
      [
        { id: 'p', started: '2026-01-01T10:00:00Z', category: 'process', services: ['a'], revenueLost: 10 },
        { id: 'c', started: '2026-01-02T10:00:00Z', category: 'capacity', services: ['b'], revenueLost: 10 },
        { id: 't', started: '2026-01-03T10:00:00Z', category: 'testing', services: ['c'], revenueLost: 20 },
      ],
      { today: '2026-02-01' },
    );
    expect(byCategory(tied.published).map((group) => group.category)).toEqual(['testing', 'capacity', 'process']);
  });
});

describe('byService', () => {
  const groups = byService(library.incidents);

  it('orders by count, then cost, then name', () => {
    // cdn-edge and search both have one counted post-mortem; cdn-edge's cost 1000 beats 500.
    expect(groups.map((group) => group.service)).toEqual(['checkout-api', 'cdn-edge', 'search']);
  });

  it.each([
    {
      service: 'checkout-api',
      incidents: ['G4', 'G2', 'G1'],
      count: 2,
      totalCost: 4000,
      categories: [{ category: 'monitoring', count: 2, totalCost: 4000 }],
      // Soonest deadline first; the draft's open action is not tracked.
      openActions: ['a2', 'a3'],
    },
    {
      service: 'cdn-edge',
      incidents: ['G1'],
      count: 1,
      // G1 costs 1000 in full on each of its two services.
      totalCost: 1000,
      categories: [{ category: 'monitoring', count: 1, totalCost: 1000 }],
      openActions: ['a2'],
    },
    {
      service: 'search',
      incidents: ['G4', 'G3'],
      count: 1,
      totalCost: 500,
      categories: [{ category: 'testing', count: 1, totalCost: 500 }],
      openActions: ['a6'],
    },
  ])('$service', ({ service, incidents, count, totalCost, categories, openActions }) => {
    const group = groups.find((entry) => entry.service === service)!;
    expect(ids(group.incidents)).toEqual(incidents);
    expect(group).toMatchObject({ count, totalCost, categories });
    expect(titles(group.openActions)).toEqual(openActions);
  });

  it('ranks a service’s categories by count, then cost, then name', () => {
    const mixed = testLibrary(
      [
        { id: 'a', started: '2026-01-01T10:00:00Z', category: 'testing', revenueLost: 5 },
        { id: 'b', started: '2026-01-02T10:00:00Z', category: 'capacity', revenueLost: 5 },
        { id: 'c', started: '2026-01-03T10:00:00Z', category: 'process', revenueLost: 1 },
        { id: 'd', started: '2026-01-04T10:00:00Z', category: 'process', revenueLost: 1 },
      ],
      { today: '2026-02-01' },
    );
    expect(byService(mixed.published)[0].categories).toEqual([
      { category: 'process', count: 2, totalCost: 2 },
      { category: 'capacity', count: 1, totalCost: 5 },
      { category: 'testing', count: 1, totalCost: 5 },
    ]);
  });
});

describe('actionSummary', () => {
  it('tallies the published actions as of 2026-07-15', () => {
    const summary = actionSummary(library.actions, today);
    expect(summary.total).toBe(6);
    expect(titles(summary.open)).toEqual(['a2', 'a6', 'a3']);
    expect(titles(summary.overdue)).toEqual(['a2', 'a6']);
    expect(summary.byOwner).toEqual([
      { owner: 'edge-team', total: 2, open: 1, overdue: 0, done: 0, wontDo: 1 },
      { owner: 'payments-sre', total: 3, open: 2, overdue: 2, done: 1, wontDo: 0 },
      { owner: 'search-team', total: 1, open: 0, overdue: 0, done: 1, wontDo: 0 },
    ]);
    expect(summary.byPriority).toEqual({
      P0: { total: 1, open: 1, overdue: 0, done: 0, wontDo: 0 },
      P1: { total: 2, open: 1, overdue: 1, done: 1, wontDo: 0 },
      P2: { total: 3, open: 1, overdue: 1, done: 1, wontDo: 1 },
    });
    // done a1, a5 ÷ (6 − wont-do a4); a5 was completed after its deadline.
    expect(summary.completionRate).toBe(2 / 5);
    expect(summary.onTimeRate).toBe(1 / 2);
  });

  it.each([
    // A deadline on today is not overdue yet; a5 (completed 05-10) is not done as of 02-01.
    { today: '2026-02-01', overdue: [], completionRate: 1 / 5, onTimeRate: 1 },
    { today: '2026-02-02', overdue: ['a2'], completionRate: 1 / 5, onTimeRate: 1 },
    { today: '2026-05-10', overdue: ['a2'], completionRate: 2 / 5, onTimeRate: 1 / 2 },
    { today: '2026-08-02', overdue: ['a2', 'a6', 'a3'], completionRate: 2 / 5, onTimeRate: 1 / 2 },
  ])('as of $today', ({ today: day, overdue, completionRate, onTimeRate }) => {
    const summary = actionSummary(library.actions, day);
    expect(titles(summary.overdue)).toEqual(overdue);
    expect(summary).toMatchObject({ completionRate, onTimeRate });
  });

  it('has every priority and null rates with no actions', () => {
    const zero = { total: 0, open: 0, overdue: 0, done: 0, wontDo: 0 };
    expect(actionSummary([], today)).toEqual({
      total: 0,
      open: [],
      overdue: [],
      byOwner: [],
      byPriority: { P0: zero, P1: zero, P2: zero },
      completionRate: null,
      onTimeRate: null,
    });
  });
});

describe('factorHeatmap', () => {
  const quarters = ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'];
  const heatmap = factorHeatmap(library.incidents, quarters);

  it('has a row per factor, in the order of the factor keys', () => {
    expect(heatmap.map((row) => row.key)).toEqual([...FACTOR_KEYS]);
  });

  it.each([
    // Q1: G1, G2. Q2: G3 only — the draft G4 (testing 0, capacity 3) would pull testing to 1.5.
    { key: 'monitoring', means: [null, 2, 0, null] },
    { key: 'testing', means: [null, 1.5, 3, null] },
    { key: 'process', means: [null, 0, 2, null] },
    { key: 'capacity', means: [null, 0, 0, null] },
  ])('$key', ({ key, means }) => {
    const row = heatmap.find((entry) => entry.key === key)!;
    expect(row.cells).toEqual(quarters.map((quarter, index) => ({ quarter, mean: means[index] })));
  });

  it('is empty of cells for no quarters', () => {
    expect(factorHeatmap(library.incidents, []).every((row) => row.cells.length === 0)).toBe(true);
  });
});
