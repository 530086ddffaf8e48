/*
 * Pagefind holds everything it indexes in memory until it writes the index: about 400 bytes a word
 * on this project's pages, so 5.8 GB for 10,000 post-mortems (docs/performance.md). A large
 * library is therefore indexed in parts, one Pagefind run each; the search page asks every part
 * and merges the answers (src/client/search-merge.ts), by the dates each part lists for results
 * sorted by date.
 */

/** One page to index: its path under the site, the date it sorts by, and roughly how many words it holds. */
export interface IndexedPage {
  path: string;
  date: string;
  words: number;
}

/**
 * Words a part may hold. Two parts are indexed at once on a machine with a second core, so two
 * parts' memory must fit beside each other in the 2 GB a 10,000-post-mortem build may use:
 * 1.5 million words is about 0.7 GB in one Pagefind process.
 */
export const PART_WORDS = 1_500_000;

/** What Pagefind holds per word it indexes: 360–375 bytes measured on the benchmark's pages (Pagefind 1.6). */
export const BYTES_PER_WORD = 400;

/**
 * How many words a part indexed beside Astro may hold with `room` bytes of memory to spare: at most
 * a whole part, and none when less than a quarter of one fits (many small parts would slow every
 * search more than they speed the build).
 */
export function wordsThatFit(room: number, partWords: number): number {
  const words = Math.min(partWords, Math.floor(room / BYTES_PER_WORD));
  return words < partWords / 4 ? 0 : words;
}

const SORT_DATE = /data-pagefind-sort="date:([^"]*)"/;

/**
 * What the planner needs to know of a built page: the date Pagefind sorts it by (empty if it has
 * none) and its words — the text between tags, counted generously (the page chrome too), since
 * what matters is staying under the memory a part may use.
 */
export function pageFacts(html: string): { date: string; words: number } {
  let words = 0;
  let inTag = false;
  let inWord = false;
  for (let i = 0; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (code === 60 /* < */) {
      inTag = true;
      inWord = false;
    } else if (code === 62 /* > */) inTag = false;
    else if (!inTag) {
      const space = code === 32 || code === 10 || code === 9 || code === 13;
      if (!space && !inWord) words++;
      inWord = !space;
    }
  }
  return { date: SORT_DATE.exec(html)?.[1] ?? '', words };
}

/**
 * Pagefind's order of sort values: by their UTF-8 bytes, which is the order of their code points
 * (not of JavaScript's UTF-16 units, which put U+FFFF after an emoji).
 */
export function byBytes(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
  }
  return i < a.length ? 1 : i < b.length ? -1 : 0;
}

/**
 * Splits pages into parts of at most `budget` words (a page larger than that is a part of its own),
 * and at least `least` parts where there are pages enough, as even as the pages allow: newest
 * first (the date descending in Pagefind's order; then by path), each part's dates never newer
 * than the part before it.
 */
export function planParts<T extends IndexedPage>(pages: readonly T[], budget: number = PART_WORDS, least = 1): T[][] {
  const sorted = [...pages].sort((a, b) => byBytes(b.date, a.date) || byBytes(a.path, b.path));
  const total = sorted.reduce((sum, page) => sum + page.words, 0);
  if (sorted.length === 0) return [];
  // As many parts as the budget needs (or `least`), then each filled to an even share of the words.
  const count = Math.min(sorted.length, Math.max(least, Math.ceil(total / Math.max(1, budget))));
  const share = total / count;
  const parts: T[][] = [];
  let current: T[] = [];
  let words = 0;
  for (const page of sorted) {
    const over = words + page.words > budget || (parts.length < count - 1 && words >= share);
    if (current.length > 0 && over) {
      parts.push(current);
      current = [];
      words = 0;
    }
    current.push(page);
    words += page.words;
  }
  parts.push(current);
  return parts;
}

/**
 * A part's sort dates as the search page needs them: ascending in Pagefind's order (byBytes), in
 * runs of [date, how many pages]. Pages without a date are not in Pagefind's sort at all, so not
 * here either.
 */
export function dateRuns(dates: readonly string[]): [string, number][] {
  const runs: [string, number][] = [];
  for (const date of dates.filter(Boolean).sort(byBytes)) {
    const last = runs.at(-1);
    if (last?.[0] === date) last[1]++;
    else runs.push([date, 1]);
  }
  return runs;
}
