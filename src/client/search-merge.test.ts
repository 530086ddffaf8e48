import { describe, expect, it } from 'vitest';
import { dateAt, mergeFilters, mergeSearches, type FilterCounts, type PartSearch } from './search-merge.ts';

type Result = { id: string; score: number };
const part = (results: [string, number][], filters = {}, unfiltered = results.length): PartSearch<Result> => ({
  results: results.map(([id, score]) => ({ id, score })),
  filters,
  unfilteredResultCount: unfiltered,
});

describe('mergeFilters', () => {
  it.each([
    { name: 'no parts', parts: [], expected: {} },
    { name: 'one part as it is', parts: [{ severity: { 'SEV-1': 2 } }], expected: { severity: { 'SEV-1': 2 } } },
    {
      name: 'values added up, values of one part kept',
      parts: [{ severity: { 'SEV-1': 2, 'SEV-2': 0 } }, { severity: { 'SEV-1': 3, 'SEV-3': 1 }, service: { api: 4 } }],
      expected: { severity: { 'SEV-1': 5, 'SEV-2': 0, 'SEV-3': 1 }, service: { api: 4 } },
    },
  ] as { name: string; parts: FilterCounts[]; expected: FilterCounts }[])('$name', ({ parts, expected }) => {
    expect(mergeFilters(parts)).toEqual(expected);
  });

  it('leaves the parts as they were', () => {
    const first = { severity: { 'SEV-1': 2 } };
    mergeFilters([first, { severity: { 'SEV-1': 3 } }]);
    expect(first).toEqual({ severity: { 'SEV-1': 2 } });
  });
});

describe('dateAt', () => {
  // Five pages: 2024-01-01 at place 0, 2025-06-30 at 1 and 2, 2026-03-01 at 3 and 4.
  const runs = [['2024-01-01', 1], ['2025-06-30', 2], ['2026-03-01', 2]] as const;
  it.each([
    [0, '2024-01-01'],
    [1, '2025-06-30'],
    [2, '2025-06-30'],
    [3, '2026-03-01'],
    [4, '2026-03-01'],
    [5, undefined],
  ])('place %i is %s', (place, date) => {
    expect(dateAt(runs, place)).toBe(date);
  });
  it('has no date in an empty list', () => expect(dateAt([], 0)).toBeUndefined());
});

describe('mergeSearches', () => {
  it.each([
    { name: 'by score across parts', parts: [part([['a', 9], ['b', 2]]), part([['c', 5], ['d', 1]])], expected: ['a', 'c', 'b', 'd'] },
    { name: 'equal scores keep the earlier part first', parts: [part([['a', 3]]), part([['b', 3]]), part([['c', 3]])], expected: ['a', 'b', 'c'] },
  ])('relevance: $name', ({ parts, expected }) => {
    expect(mergeSearches(parts, 'relevance').results.map((result) => result.id)).toEqual(expected);
  });

  it.each([
    {
      // Part 1 holds 2020-01-01 (place 0) and 2026-05-01 (place 1); part 2 holds 2023-03-03 (0),
      // 2024-04-04 (1) and 2025-05-05 (2). Each part answers newest first, scored by place.
      name: 'parts whose dates interleave',
      parts: [part([['p1-2026', 1], ['p1-2020', 0]]), part([['p2-2025', 2], ['p2-2024', 1], ['p2-2023', 0]])],
      dates: [[['2020-01-01', 1], ['2026-05-01', 1]], [['2023-03-03', 1], ['2024-04-04', 1], ['2025-05-05', 1]]],
      expected: ['p1-2026', 'p2-2025', 'p2-2024', 'p2-2023', 'p1-2020'],
    },
    {
      // Filtered: only some pages of each part answer; their scores are still places in the whole part.
      name: 'a filter leaves some pages of each part',
      parts: [part([['a', 3]]), part([['b', 1]])],
      dates: [[['2021-01-01', 2], ['2022-02-02', 2]], [['2021-06-01', 1], ['2023-01-01', 1]]],
      expected: ['b', 'a'],
    },
    {
      name: 'the same date: part order, then each part’s own order',
      parts: [part([['x1', 1], ['x0', 0]]), part([['y0', 0]])],
      dates: [[['2026-01-01', 2]], [['2026-01-01', 1]]],
      expected: ['x1', 'x0', 'y0'],
    },
    { name: 'an empty part in between', parts: [part([['a', 0]]), part([]), part([['b', 0]])], dates: [[['2026-01-02', 1]], [], [['2026-01-01', 1]]], expected: ['a', 'b'] },
  ])('date: $name', ({ parts, dates, expected }) => {
    expect(mergeSearches(parts, { dates: dates as [string, number][][] }).results.map((result) => result.id)).toEqual(expected);
  });

  it('adds up the counts of unfiltered results and of every filter value', () => {
    const merged = mergeSearches([part([['a', 1]], { kind: { outage: 1 } }, 4), part([['b', 1]], { kind: { outage: 2, breach: 1 } }, 6)], 'relevance');
    expect(merged.unfilteredResultCount).toBe(10);
    expect(merged.filters).toEqual({ kind: { outage: 3, breach: 1 } });
  });
});
