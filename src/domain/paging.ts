/*
 * Lists that grow with the library (every post-mortem, every action, a category's, a service's
 * or a quarter's post-mortems) are cut into numbered pages so that no page grows with the library
 * (docs/site.md#long-lists). Pure: used by the pages at build time and by src/client/ to page
 * filtered results the same way.
 */

/** Rows per page of a long list: keeps the largest list page near 100–150 KB of HTML. */
export const PAGE_SIZE = 100;

/** Rows per file of the lists' own row data (src/pages/lists/), fetched when a reader filters or sorts. */
export const ROWS_PER_FILE = 2000;

/** Records per part of the JSON files split in parts (/api/incidents/page-1.json, docs/site.md#json-files). */
export const JSON_PAGE_SIZE = 1000;

/** A long section inside a summary page (open actions of a quarter, repeats of a category) shows this many, then links on. */
export const SECTION_CAP = 25;

/** How many pages `total` rows fill: at least one, so an empty list still has its page. */
export function pageCount(total: number, size: number = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The index of a JSON file split in parts (/api/incidents/index.json): how many records, how many a part, and each part's address. */
export interface PartsIndex {
  count: number;
  perPage: number;
  pages: string[];
}

/** The parts index of `count` records, `size` a part; `address(n)` is where part n (1-based) is. */
export function partsIndex(count: number, size: number, address: (part: number) => string): PartsIndex {
  return { count, perPage: size, pages: Array.from({ length: pageCount(count, size) }, (_, index) => address(index + 1)) };
}

/** One page of a list: its rows, and where they sit in the whole (1-based, inclusive). */
export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
  /** Position of the first row shown, 1-based; 0 when the list is empty. */
  first: number;
  /** Position of the last row shown, 1-based; 0 when the list is empty. */
  last: number;
}

/** Page `page` (1-based) of `items`. */
export function pageOf<T>(items: readonly T[], page: number, size: number = PAGE_SIZE): Page<T> {
  const pages = pageCount(items.length, size);
  if (!Number.isInteger(page) || page < 1 || page > pages) throw new RangeError(`page ${page} is not between 1 and ${pages}`);
  const start = (page - 1) * size;
  const slice = items.slice(start, start + size);
  return { items: slice, page, pages, total: items.length, first: slice.length ? start + 1 : 0, last: start + slice.length };
}

/** Every page of `items`, first to last (an empty list gives one empty page). */
export function allPages<T>(items: readonly T[], size: number = PAGE_SIZE): Page<T>[] {
  return Array.from({ length: pageCount(items.length, size) }, (_, index) => pageOf(items, index + 1, size));
}

/** The site path of page `page` of a list whose first page is `base` (which ends in "/"): `/incidents/`, `/incidents/page/2/`. */
export function pagePath(base: string, page: number): string {
  if (!base.endsWith('/')) throw new Error(`a list's path ends with "/": ${base}`);
  return page <= 1 ? base : `${base}page/${page}/`;
}

/**
 * The page numbers a pager shows: the first, the last, and two either side of the current one,
 * with `null` for each gap (1 … 4 5 6 7 8 … 40). A gap of a single page shows that page instead.
 */
export function pageLinks(current: number, pages: number): (number | null)[] {
  const wanted = new Set<number>([1, pages]);
  for (let page = current - 2; page <= current + 2; page++) if (page >= 1 && page <= pages) wanted.add(page);
  const sorted = [...wanted].sort((a, b) => a - b);
  const links: (number | null)[] = [];
  for (const page of sorted) {
    const previous = links.at(-1);
    if (typeof previous === 'number' && page - previous === 2) links.push(previous + 1);
    else if (typeof previous === 'number' && page - previous > 2) links.push(null);
    links.push(page);
  }
  return links;
}

/** "101–200 of 1,234": where a page's rows sit in the whole, in words. */
export function rangeText(page: Pick<Page<unknown>, 'first' | 'last' | 'total'>, format: (n: number) => string = String): string {
  return page.total === 0 ? '0' : `${format(page.first)}–${format(page.last)} of ${format(page.total)}`;
}
