import { describe, expect, it } from 'vitest';
import { mergeFilters, mergeSearches, type PartSearch } from './search-merge.ts';

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
  ])('$name', ({ parts, expected }) => {
    expect(mergeFilters(parts)).toEqual(expected);
  });

  it('leaves the parts as they were', () => {
    const first = { severity: { 'SEV-1': 2 } };
    mergeFilters([first, { severity: { 'SEV-1': 3 } }]);
    expect(first).toEqual({ severity: { 'SEV-1': 2 } });
  });
});

describe('mergeSearches', () => {
  it.each([
    {
      name: 'relevance: by score across parts',
      parts: [part([['a', 9], ['b', 2]]), part([['c', 5], ['d', 1]])],
      order: 'relevance' as const,
      expected: ['a', 'c', 'b', 'd'],
    },
    {
      name: 'relevance: equal scores keep the earlier part first',
      parts: [part([['a', 3]]), part([['b', 3]]), part([['c', 3]])],
      order: 'relevance' as const,
      expected: ['a', 'b', 'c'],
    },
    {
      // A date sort scores each result by its place in its part: 1 is the newer of two in the
      // first part, 2 the newest of three in the second, which holds older post-mortems.
      name: 'date: the parts in order, whatever their scores',
      parts: [part([['new', 1], ['newer-than-all-below', 0]]), part([['old', 2], ['older', 1], ['oldest', 0]])],
      order: 'date' as const,
      expected: ['new', 'newer-than-all-below', 'old', 'older', 'oldest'],
    },
    { name: 'date: an empty part in between', parts: [part([['a', 0]]), part([]), part([['b', 0]])], order: 'date' as const, expected: ['a', 'b'] },
  ])('$name', ({ parts, order, expected }) => {
    expect(mergeSearches(parts, order).results.map((result) => result.id)).toEqual(expected);
  });

  it('adds up the counts of unfiltered results and of every filter value', () => {
    const merged = mergeSearches([part([['a', 1]], { kind: { outage: 1 } }, 4), part([['b', 1]], { kind: { outage: 2, breach: 1 } }, 6)], 'relevance');
    expect(merged.unfilteredResultCount).toBe(10);
    expect(merged.filters).toEqual({ kind: { outage: 3, breach: 1 } });
  });
});
