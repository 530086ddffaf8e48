import { describe, expect, it } from 'vitest';
import { allPages, pageCount, pageLinks, pageOf, pagePath, partsIndex, rangeText } from './paging.ts';

describe('pageCount', () => {
  it.each([
    [0, 10, 1], // an empty list still has its first page
    [1, 10, 1],
    [10, 10, 1],
    [11, 10, 2],
    [10_000, 100, 100],
    [10_001, 100, 101],
  ])('%i rows of %i a page fill %i pages', (total, size, pages) => {
    expect(pageCount(total, size)).toBe(pages);
  });
});

describe('pageOf', () => {
  const rows = Array.from({ length: 23 }, (_, i) => i + 1);
  it.each([
    [1, [1, 10], 1, 10],
    [2, [11, 20], 11, 20],
    // The last page holds the remainder: rows 21–23.
    [3, [21, 23], 21, 23],
  ])('page %i of 23 rows, 10 a page', (page, [from, to], first, last) => {
    const result = pageOf(rows, page, 10);
    expect(result.items).toEqual(rows.slice(from - 1, to));
    expect(result).toMatchObject({ page, pages: 3, total: 23, first, last });
  });

  it('gives an empty list one empty page', () => {
    expect(pageOf([], 1, 10)).toEqual({ items: [], page: 1, pages: 1, total: 0, first: 0, last: 0 });
  });

  it.each([0, 4, 1.5])('refuses page %s of 3', (page) => {
    expect(() => pageOf(rows, page, 10)).toThrow(/not between 1 and 3/);
  });

  it('cuts a list into pages that hold every row once, in order', () => {
    expect(allPages(rows, 10).flatMap((page) => page.items)).toEqual(rows);
    expect(allPages([], 10)).toHaveLength(1);
  });
});

describe('pagePath', () => {
  it.each([
    ['/incidents/', 1, '/incidents/'],
    ['/incidents/', 2, '/incidents/page/2/'],
    ['/categories/monitoring/', 12, '/categories/monitoring/page/12/'],
  ])('%s page %i is %s', (base, page, path) => {
    expect(pagePath(base, page)).toBe(path);
  });

  it('refuses a base without its trailing slash', () => {
    expect(() => pagePath('/incidents', 2)).toThrow(/ends with "\/"/);
  });
});

describe('pageLinks', () => {
  it.each([
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [1, 10, [1, 2, 3, null, 10]],
    // A gap of one page shows the page: 1 2 3 4 5 6 7, not 1 … 3.
    [5, 7, [1, 2, 3, 4, 5, 6, 7]],
    [4, 10, [1, 2, 3, 4, 5, 6, null, 10]],
    [50, 100, [1, null, 48, 49, 50, 51, 52, null, 100]],
    [100, 100, [1, null, 98, 99, 100]],
  ])('page %i of %i shows %j', (current, pages, links) => {
    expect(pageLinks(current, pages)).toEqual(links);
  });
});

describe('rangeText', () => {
  it.each([
    [{ first: 101, last: 200, total: 1234 }, '101–200 of 1,234'],
    [{ first: 0, last: 0, total: 0 }, '0'],
  ])('%j reads %s', (page, text) => {
    expect(rangeText(page, (n) => n.toLocaleString('en-US'))).toBe(text);
  });
});

describe('partsIndex', () => {
  const address = (part: number) => `/api/x/page-${part}.json`;
  it.each([
    // An empty file still has its one (empty) part, as allPages gives it.
    { count: 0, size: 1000, pages: ['/api/x/page-1.json'] },
    { count: 1000, size: 1000, pages: ['/api/x/page-1.json'] },
    { count: 1001, size: 1000, pages: ['/api/x/page-1.json', '/api/x/page-2.json'] },
    { count: 2500, size: 1000, pages: ['/api/x/page-1.json', '/api/x/page-2.json', '/api/x/page-3.json'] },
  ])('$count records, $size a part', ({ count, size, pages }) => {
    expect(partsIndex(count, size, address)).toEqual({ count, perPage: size, pages });
    expect(partsIndex(count, size, address).pages).toHaveLength(allPages(Array.from({ length: count }), size).length);
  });
});
