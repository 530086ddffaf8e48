import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildSite, type BuildResult } from './helpers/build.ts';
import { launchBrowser, serve, type StaticServer } from './helpers/browser.ts';

// Words that stand in only one place of one post-mortem each: a timeline entry, the body, a draft.
// The index is built in parts, one post-mortem each (as a large library's is, docs/performance.md),
// so every search here is answered by all the parts together.
let build: BuildResult;
let server: StaticServer;
let browser: Browser;
let page: Page;

async function results(): Promise<string[]> {
  // The status line says how the last search ended: found, none, or nothing asked yet.
  await page.waitForFunction(() => /found|No post-mortem|Type words/.test(document.querySelector('#search-status')?.textContent ?? ''));
  return page.$$eval('#search-results h2 a', (links) => links.map((link) => link.textContent ?? ''));
}

async function searchFor(words: string): Promise<string[]> {
  await page.fill('#search-q', words);
  await page.waitForFunction((w) => (document.querySelector('#search-status')?.textContent ?? '').includes(w), words);
  return results();
}

describe('search over a built library', () => {
  beforeAll(async () => {
    build = await buildSite('tests/fixtures/search', { HINDSIGHT_SEARCH_PART_WORDS: '1' });
    expect(build.code, build.output).toBe(0);
    server = await serve(build.outDir);
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('builds the index into dist/pagefind, one part for each of the three published post-mortems', () => {
    expect(existsSync(join(build.outDir, 'pagefind/pagefind.js'))).toBe(true);
    const { parts } = JSON.parse(readFileSync(join(build.outDir, 'pagefind/parts.json'), 'utf8')) as { parts: { path: string; dates: [string, number][] }[] };
    expect(parts.map((part) => part.path)).toEqual(['pagefind/', 'pagefind/part-2/', 'pagefind/part-3/']);
    for (const part of parts) expect(existsSync(join(build.outDir, part.path, 'pagefind.js'))).toBe(true);
    // Each part lists the date of its one post-mortem, for results sorted by date.
    expect(parts.map((part) => part.dates).sort()).toEqual([[['2026-02-10', 1]], [['2026-05-12', 1]], [['2026-08-20', 1]]]);
    expect(build.output).toMatch(/indexed 3 pages in \d+ ms \(3 parts/);
  });

  it('lists every post-mortem of a filter newest first, across the parts', async () => {
    await page.goto(`${server.url}/search/?status=published`);
    expect(await results()).toEqual(['Checkout queue backed up', 'Search latency doubled', 'EU checkout returned errors']);
  });

  it('finds a post-mortem by a word from its timeline alone', async () => {
    await page.goto(`${server.url}/search/`);
    expect(await searchFor('zanzibarquux')).toEqual(['EU checkout returned errors']);
  });

  it('finds a post-mortem by a word from its narrative alone, with the match highlighted', async () => {
    await page.goto(`${server.url}/search/`);
    expect(await searchFor('xylophonic')).toEqual(['Checkout queue backed up']);
    expect(await page.$eval('#search-results mark', (mark) => mark.textContent)).toMatch(/xylophonic/i);
  });

  it('runs the search given in the URL, and a facet narrows the results', async () => {
    await page.goto(`${server.url}/search/?q=checkout`);
    expect((await results()).sort()).toEqual(['Checkout queue backed up', 'EU checkout returned errors']);
    await page.check('input[name="severity"][value="SEV-3"]');
    await page.waitForFunction(() => document.querySelectorAll('#search-results li').length === 1);
    expect(await results()).toEqual(['Checkout queue backed up']);
    expect(page.url()).toContain('severity=SEV-3');
    expect(page.url()).toContain('q=checkout');
  });

  it('shows facet counts', async () => {
    await page.goto(`${server.url}/search/?q=checkout`);
    await results();
    const count = await page.$eval('input[name="service"][value="checkout-api"]', (box) => box.closest('label')?.querySelector('[data-count]')?.textContent);
    expect(count, await page.textContent('.facets') ?? '').toBe('(2)');
  });

  it('leaves drafts out of the index', async () => {
    await page.goto(`${server.url}/search/`);
    expect(await searchFor('secretdraftterm')).toEqual([]);
    expect(await page.textContent('#search-status')).toMatch(/No post-mortem matches/);
  });

  it('indexes post-mortem pages only, not the navigation chrome', async () => {
    await page.goto(`${server.url}/search/`);
    expect(await searchFor('Compliance')).toEqual([]);
  });

  it('goes from the header search box to the results, and / focuses it', async () => {
    await page.goto(`${server.url}/incidents/`);
    await page.keyboard.press('/');
    const focused = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name);
    expect(focused).toBe('q');
    await page.keyboard.type('quokkabeacon');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=quokkabeacon/);
    expect(await results()).toEqual(['Search latency doubled']);
  });
});
