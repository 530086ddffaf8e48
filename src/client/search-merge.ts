// The search index of a large library comes in parts (scripts/lib/search-parts.ts), newest
// post-mortems first; the search page asks each part and merges their answers here.

/** Results per filter value, as Pagefind counts them. */
export type FilterCounts = Record<string, Record<string, number>>;

/** What one part (or all of them, merged) answered. */
export interface PartSearch<R extends { score: number }> {
  results: R[];
  filters: FilterCounts;
  unfilteredResultCount: number;
}

/** The counts of every part, added up value by value. */
export function mergeFilters(parts: readonly FilterCounts[]): FilterCounts {
  const merged: FilterCounts = {};
  for (const counts of parts) {
    for (const [filter, values] of Object.entries(counts)) {
      const into = (merged[filter] ??= {});
      for (const [value, count] of Object.entries(values)) into[value] = (into[value] ?? 0) + count;
    }
  }
  return merged;
}

/**
 * The parts' answers as one. Ranked by relevance, results are merged by score, the earlier part
 * first where scores tie (as Pagefind merges indexes of several sites). Sorted by date, each part's
 * score is only its place in that part, so the parts are read in order instead: their dates run
 * from the newest part to the oldest.
 */
export function mergeSearches<R extends { score: number }>(parts: readonly PartSearch<R>[], order: 'relevance' | 'date'): PartSearch<R> {
  const results = parts.flatMap((part) => part.results);
  if (order === 'relevance') results.sort((a, b) => b.score - a.score);
  return {
    results,
    filters: mergeFilters(parts.map((part) => part.filters)),
    unfilteredResultCount: parts.reduce((sum, part) => sum + part.unfilteredResultCount, 0),
  };
}
