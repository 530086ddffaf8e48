import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexSite, SiteIndexer, type ManifestPart } from './pagefind.ts';

// Sites of a few hand-written pages, marked up as the post-mortem pages are, indexed by the real Pagefind.
const sites: string[] = [];
afterEach(() => {
  for (const site of sites.splice(0)) rmSync(site, { recursive: true, force: true });
});

/** `incidents/<id>/index.html` for each [id, date, words]; the words are "alpha beta …" repeated. */
function site(pages: [string, string, number][], { home = false } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-pagefind-'));
  sites.push(root);
  if (home) writeFileSync(join(root, 'index.html'), '<!doctype html><html lang="en"><body><main><h1>No post-mortems yet</h1></main></body></html>');
  for (const [id, date, words] of pages) writePage(root, id, date, words);
  return root;
}

function writePage(root: string, id: string, date: string, words: number, extra = ''): void {
  mkdirSync(join(root, 'incidents', id), { recursive: true });
  const text = Array.from({ length: words }, (_, i) => `word${i % 50}`).join(' ');
  writeFileSync(
    join(root, 'incidents', id, 'index.html'),
    `<!doctype html><html lang="en"><body><nav>Home</nav><article data-pagefind-body><h1>${id}</h1><p>${text} ${extra}</p><div hidden><span data-pagefind-sort="date:${date}"></span></div></article></body></html>\n`,
  );
}

const manifest = (root: string) => JSON.parse(readFileSync(join(root, 'pagefind/parts.json'), 'utf8')) as { parts: ManifestPart[] };

describe('indexSite', () => {
  it('indexes a small library in one part, in pagefind/, with its dates', async () => {
    const root = site([['A', '2026-01-01', 20], ['B', '2026-02-01', 20], ['C', '2026-02-01', 20]]);
    expect(await indexSite(root, { partWords: 1_000 })).toMatchObject({ pages: 3, parts: 1, during: 0 });
    expect(manifest(root).parts).toEqual([{ path: 'pagefind/', dates: [['2026-01-01', 1], ['2026-02-01', 2]] }]);
    expect(existsSync(join(root, 'pagefind/pagefind.js'))).toBe(true);
  });

  it('splits a larger one into parts, newest first, each a Pagefind bundle of its own, and leaves no staging folder', async () => {
    // About 30 words a page with the title and chrome: 180 words, parts of at most 100.
    const root = site([1, 2, 3, 4, 5, 6].map((n) => [`P${n}`, `2026-0${n}-01`, 25]));
    expect(await indexSite(root, { partWords: 100 })).toMatchObject({ pages: 6, parts: 2 });
    const { parts } = manifest(root);
    expect(parts.map((part) => part.path)).toEqual(['pagefind/', 'pagefind/part-2/']);
    expect(parts.map((part) => part.dates)).toEqual([
      [['2026-04-01', 1], ['2026-05-01', 1], ['2026-06-01', 1]],
      [['2026-01-01', 1], ['2026-02-01', 1], ['2026-03-01', 1]],
    ]);
    for (const part of parts) expect(existsSync(join(root, part.path, 'pagefind.js'))).toBe(true);
    expect(readFileSync(join(root, 'pagefind/part-2/pagefind-entry.json'), 'utf8')).toMatch(/"page_count":3/);
    expect(existsSync(join(root, '.pagefind-part-1')) || existsSync(join(root, '.pagefind-part-2'))).toBe(false);
  });

  it('indexes the home page of a library with no post-mortem yet, so search still loads', async () => {
    const root = site([], { home: true });
    expect(await indexSite(root)).toMatchObject({ pages: 1, parts: 1 });
    expect(manifest(root).parts).toEqual([{ path: 'pagefind/', dates: [] }]);
  });

  it('replaces an earlier index', async () => {
    const root = site([1, 2, 3, 4, 5, 6].map((n) => [`P${n}`, `2026-0${n}-01`, 25]));
    await indexSite(root, { partWords: 100 });
    await indexSite(root, { partWords: 1_000 });
    expect(manifest(root).parts).toHaveLength(1);
    expect(existsSync(join(root, 'pagefind/part-2'))).toBe(false);
  });
});

describe('SiteIndexer while the site is being written', () => {
  it('indexes a part beside the writer once half a part’s worth waits, then the rest on every core, every page once', async () => {
    const root = site([]);
    const indexer = new SiteIndexer(root, { partWords: 100, concurrency: 2 });
    writePage(root, 'P1', '2026-01-01', 25);
    indexer.poll(); // one page of 28 words (the title and "Home" count): under half a part, none starts
    for (const n of [2, 3, 4, 5, 6, 7, 8]) writePage(root, `P${n}`, `2026-0${n}-01`, 25);
    indexer.poll(); // eight pages wait: a part of three starts
    writePage(root, 'P9', '2026-09-01', 25);
    const result = await indexer.finish();
    // The six left (168 words, within one part) in two parts, one for each core.
    expect(result).toMatchObject({ pages: 9, during: 1, parts: 3 });
    expect(result.again).toBeUndefined();
    const { parts } = manifest(root);
    expect(parts.map((part) => part.dates.reduce((sum, [, count]) => sum + count, 0))).toEqual([3, 3, 3]);
    const dates = parts.flatMap((part) => part.dates.map(([date]) => date));
    expect(dates.sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `2026-0${n}-01`));
  });

  it('sizes a part beside the writer to the memory left: smaller with less, none with too little', async () => {
    // partWords 100: a whole part holds three pages of 28 words; 400 bytes a word (search-parts.ts).
    const cases: [number, number][] = [
      [Infinity, 3],
      [100 * 400, 3],
      [56 * 400, 2], // room for two pages' words
      [24 * 400, 0], // under a quarter of a part: nothing beside the writer
    ];
    for (const [room, pages] of cases) {
      const root = site([]);
      const indexer = new SiteIndexer(root, { partWords: 100 });
      for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) writePage(root, `P${n}`, `2026-0${n}-01`, 25);
      indexer.poll(room);
      const result = await indexer.finish();
      expect(result.during).toBe(pages > 0 ? 1 : 0);
      const first = manifest(root).parts[0].dates.reduce((sum, [, count]) => sum + count, 0);
      if (pages > 0) expect(first).toBe(pages);
      expect(result.pages).toBe(8);
    }
  });

  it('leaves a page still being written for later', async () => {
    const root = site([]);
    mkdirSync(join(root, 'incidents', 'HALF'), { recursive: true });
    writeFileSync(join(root, 'incidents', 'HALF', 'index.html'), '<!doctype html><html lang="en"><body><article data-pagefind-body><p>half');
    const indexer = new SiteIndexer(root, { partWords: 1 });
    for (const n of [1, 2, 3]) writePage(root, `P${n}`, `2026-0${n}-01`, 5);
    indexer.poll();
    // Finished after the first part started: had that part taken it half-written, the whole site
    // would be indexed again (during: 0).
    writePage(root, 'HALF', '2026-09-09', 5);
    const result = await indexer.finish();
    expect(result).toMatchObject({ pages: 4, during: 1 });
    expect(result.again).toBeUndefined();
    expect(manifest(root).parts.flatMap((part) => part.dates.map(([date]) => date))).toContain('2026-09-09');
  });

  it('indexes the finished site afresh when a page changed after it was indexed', async () => {
    const root = site([]);
    const indexer = new SiteIndexer(root, { partWords: 100 });
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) writePage(root, `P${n}`, `2026-0${n}-01`, 25);
    indexer.poll();
    // Written again, longer, while (or after) its part is indexed.
    await new Promise((resolve) => setTimeout(resolve, 20));
    writePage(root, 'P1', '2026-01-01', 25, 'rewritten '.repeat(40));
    const result = await indexer.finish();
    expect(result).toMatchObject({ pages: 8, during: 0, again: true });
  });
});
