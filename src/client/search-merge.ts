// The search index of a large library comes in parts (scripts/lib/search-parts.ts); the search
// page asks each part and merges their answers here.

/** Results per filter value, as Pagefind counts them. */
export type FilterCounts = Record<string, Record<string, number>>;

/** What one part (or all of them, merged) answered. */
export interface PartSearch<R extends { score: number }> {
  results: R[];
  filters: FilterCounts;
  unfilteredResultCount: number;
}

/** A part's sort dates, ascending as Pagefind sorts them, in runs of [date, pages] (pagefind/parts.json). */
export type DateRuns = readonly (readonly [string, number])[];

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
 * The date at a place of a part's ascending sort order. Sorted by date, Pagefind scores a result by
 * its page's place in that order (0 for the oldest), so this reads the score back into the date.
 */
export function dateAt(runs: DateRuns, place: number): string | undefined {
  let end = 0;
  for (const [date, count] of runs) {
    end += count;
    if (place < end) return date;
  }
  return undefined;
}

/**
 * The parts' answers as one. Ranked by relevance, results are merged by score, the earlier part
 * first where scores tie (as Pagefind merges the indexes of several sites). Sorted by date
 * (newest first), a score is only a place within its own part, so each is read back into its date
 * (`dates`, one list per part) and the results merged by date, in each part's own order where dates tie.
 */
export function mergeSearches<R extends { score: number }>(parts: readonly PartSearch<R>[], order: 'relevance' | { dates: readonly DateRuns[] }): PartSearch<R> {
  const results =
    order === 'relevance'
      ? parts.flatMap((part) => part.results).sort((a, b) => b.score - a.score)
      : parts
          .flatMap((part, index) => part.results.map((result) => ({ result, date: dateAt(order.dates[index] ?? [], result.score) ?? '' })))
          .sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1))
          .map(({ result }) => result);
  return {
    results,
    filters: mergeFilters(parts.map((part) => part.filters)),
    unfilteredResultCount: parts.reduce((sum, part) => sum + part.unfilteredResultCount, 0),
  };
}
