import { describe, expect, it } from 'vitest';
import { byBytes, wordsThatFit, dateRuns, pageFacts, planParts, type IndexedPage } from './search-parts.ts';

describe('pageFacts', () => {
  it.each([
    { name: 'no text', html: '<html><body></body></html>', date: '', words: 0 },
    { name: 'words between tags, not in them', html: '<p class="a b c">one two</p><p>three</p>', date: '', words: 3 },
    { name: 'a tag ends a word', html: 'one<br>two', date: '', words: 2 },
    { name: 'runs of white space', html: '<p>\n  one \t two\r\n</p>', date: '', words: 2 },
    { name: 'the sort date', html: '<div hidden><span data-pagefind-sort="date:2026-03-31"></span></div><h1>Title here</h1>', date: '2026-03-31', words: 2 },
  ])('$name', ({ html, date, words }) => {
    expect(pageFacts(html)).toEqual({ date, words });
  });
});

const page = (path: string, date: string, words: number): IndexedPage => ({ path, date, words });
const paths = (parts: IndexedPage[][]) => parts.map((part) => part.map((item) => item.path));

describe('byBytes', () => {
  it.each([
    ['2026-01-01', '2026-01-02', -1],
    ['2026-01-02', '2026-01-01', 1],
    ['2026-01-01', '2026-01-01', 0],
    ['2026', '2026-01', -1],
    ['', 'a', -1],
    // UTF-16 puts U+FFFF after an emoji (0xFFFF > 0xD83D); UTF-8 bytes, and Pagefind, before it.
    ['\uffff', '😀', -1],
    ['😀a', '😀b', -1],
  ])('%j against %j: %i', (a, b, order) => {
    expect(Math.sign(byBytes(a, b))).toBe(order);
  });
});

describe('dateRuns', () => {
  it.each([
    { name: 'none', dates: [], runs: [] },
    { name: 'ascending, counted, pages without a date left out', dates: ['2026-02-01', '', '2025-12-31', '2026-02-01'], runs: [['2025-12-31', 1], ['2026-02-01', 2]] },
  ])('$name', ({ dates, runs }) => {
    expect(dateRuns(dates)).toEqual(runs);
  });
});

describe('wordsThatFit', () => {
  it.each([
    ['room for more than a part', 1_000 * 400, 100, 100],
    ['room for half a part', 50 * 400, 100, 50],
    ['room for a quarter exactly', 25 * 400, 100, 25],
    ['room for less than a quarter', 24 * 400, 100, 0],
    ['a few bytes over a whole word', 60 * 400 + 399, 100, 60],
    ['no room at all', -5_000, 100, 0],
    ['no limit', Infinity, 1_500_000, 1_500_000],
  ])('%s: %i bytes, parts of %i words → %i', (_, room, partWords, words) => {
    expect(wordsThatFit(room, partWords)).toBe(words);
  });
});

describe('planParts', () => {
  it.each([
    { name: 'nothing to index', pages: [], budget: 10, expected: [] },
    { name: 'all within the budget: one part, newest first', pages: [page('a', '2025-01-01', 3), page('b', '2026-01-01', 3)], budget: 10, expected: [['b', 'a']] },
    {
      // 40 words, budget 20: two parts of 20 each.
      name: 'split evenly by words, newest part first',
      pages: [page('q1', '2026-01-10', 10), page('q2', '2026-04-10', 10), page('q3', '2026-07-10', 10), page('q4', '2026-10-10', 10)],
      budget: 20,
      expected: [['q4', 'q3'], ['q2', 'q1']],
    },
    {
      // 50 words, budget 20: three parts, 50 / 3 ≈ 16.7 words each; no part over 20.
      name: 'three even parts rather than two full and a small one',
      pages: [10, 10, 10, 10, 10].map((words, i) => page(`p${i}`, `2026-0${i + 1}-01`, words)),
      budget: 20,
      expected: [['p4', 'p3'], ['p2', 'p1'], ['p0']],
    },
    { name: 'a page over the budget is a part of its own', pages: [page('big', '2026-02-01', 50), page('small', '2026-01-01', 5)], budget: 20, expected: [['big'], ['small']] },
    { name: 'the same date: by path', pages: [page('b', '2026-01-01', 5), page('a', '2026-01-01', 5), page('c', '2026-01-01', 5)], budget: 10, expected: [['a', 'b'], ['c']] },
    { name: 'pages without a date last', pages: [page('none', '', 5), page('dated', '2020-01-01', 5)], budget: 5, expected: [['dated'], ['none']] },
    // 40 words within a budget of 100, at least two parts: two of 20 words.
    { name: 'at least two parts, split evenly', pages: [page('q1', '2026-01-10', 10), page('q2', '2026-04-10', 10), page('q3', '2026-07-10', 10), page('q4', '2026-10-10', 10)], budget: 100, least: 2, expected: [['q4', 'q3'], ['q2', 'q1']] },
    { name: 'at least three parts of two pages: one each, never an empty part', pages: [page('a', '2026-01-01', 5), page('b', '2026-02-01', 5)], budget: 100, least: 3, expected: [['b'], ['a']] },
    { name: 'more parts than the least when the budget needs them', pages: [10, 10, 10, 10, 10].map((words, i) => page(`p${i}`, `2026-0${i + 1}-01`, words)), budget: 20, least: 2, expected: [['p4', 'p3'], ['p2', 'p1'], ['p0']] },
  ])('$name', ({ pages, budget, least, expected }) => {
    expect(paths(planParts(pages, budget, least))).toEqual(expected);
  });

  it('keeps every page once, no part over the budget or half empty, and dates never rising from one part to the next', () => {
    // 500 pages of 1–400 words on dates across seven years, some on the same day.
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pages = Array.from({ length: 500 }, (_, i) => page(`p${i}`, `20${20 + Math.floor(random() * 7)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`, 1 + Math.floor(random() * 400)));
    const parts = planParts(pages, 5_000);
    expect(parts.flat().map((item) => item.path).sort()).toEqual(pages.map((item) => item.path).sort());
    expect(Math.max(...parts.map((part) => part.reduce((sum, item) => sum + item.words, 0)))).toBeLessThanOrEqual(5_000);
    for (let i = 1; i < parts.length; i++) expect(parts[i][0].date <= parts[i - 1].at(-1)!.date).toBe(true);
    // No part but the last is half full or less: not many more parts than the words need.
    for (const part of parts.slice(0, -1)) expect(part.reduce((sum, item) => sum + item.words, 0)).toBeGreaterThan(2_500);
  });
});
