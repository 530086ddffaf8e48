import { describe, expect, it } from 'vitest';
import { pageKind, pagesToMeasure, readerVerdict, searchLine, searchWord } from './reader-bench.ts';

describe('pageKind', () => {
  it.each([
    ['/', 'home'],
    ['/incidents/', '/incidents/'],
    ['/incidents/INC-2026-007/', '/incidents/<id>/'],
    ['/categories/monitoring/', '/categories/<category>/'],
    ['/services/checkout-api/', '/services/<service>/'],
    ['/quarters/2026-Q3/', '/quarters/<quarter>/'],
    ['/incidents/page/4/', '/incidents/page/N/'],
    ['/categories/monitoring/page/2/', '/categories/…/page/N/'],
  ])('%s is a %s page', (route, kind) => {
    expect(pageKind(route)).toBe(kind);
  });
});

describe('pagesToMeasure', () => {
  const pages = [
    { route: '/', bytes: 30 },
    { route: '/incidents/', bytes: 100 },
    { route: '/actions/', bytes: 150 },
    { route: '/categories/a/', bytes: 90 },
    { route: '/categories/b/', bytes: 140 },
    { route: '/incidents/INC-1/', bytes: 60 },
    { route: '/incidents/INC-2/', bytes: 61 },
    { route: '/compliance/', bytes: 400 },
  ];

  it('takes the fixed pages, the largest of each group kind, and the largest of all', () => {
    expect(pagesToMeasure(pages).map((page) => page.route)).toEqual(['/', '/incidents/', '/actions/', '/categories/b/', '/incidents/INC-2/', '/compliance/']);
  });

  it('says which target a site misses', () => {
    const [size, speed] = readerVerdict([...pages, { route: '/actions/page/2/', bytes: 2 * 1024 ** 2 }], [{ route: '/', bytes: 30, loadMs: 1500, interactiveMs: 1200, filterMs: null, runs: 1 }]);
    expect(size).toMatch(/^largest page: \/actions\/page\/2\/ 2\.0 MB of 9 pages; 1 over 1 MB — MISSED$/);
    expect(speed).toMatch(/1\.20 s .* MISSED$/);
  });
});

describe('the search page', () => {
  it.each([
    { name: 'the first word of five letters or more of the newest title', incidents: [{ title: 'DNS outage in EU-West' }, { title: 'Older one' }], word: 'outage' },
    { name: 'a fallback when no title has one', incidents: [{ title: 'A b c' }], word: 'incident' },
    { name: 'a fallback for an empty library', incidents: [], word: 'incident' },
  ])('searches for $name', ({ incidents, word }) => {
    expect(searchWord(incidents)).toBe(word);
  });

  it('says how long the first results took and from how many parts', () => {
    expect(searchLine({ query: 'outage', firstResultsMs: 1980, parts: 12, runs: 3 })).toBe('search: first results for “outage” after 1.98 s (median of 3), from 12 parts of the index');
    expect(searchLine({ query: 'outage', firstResultsMs: 420, parts: 1, runs: 1 })).toBe('search: first results for “outage” after 0.42 s (median of 1), from 1 part of the index');
  });
});
