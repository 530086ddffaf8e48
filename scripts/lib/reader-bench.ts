import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Browser } from 'playwright-core';
import { median } from './bench.ts';

/*
 * What readers get at scale (docs/performance.md#readers): the largest pages of a built site,
 * served from a local static server and opened in Chromium, each measured in a fresh browser
 * context (nothing cached) — HTML size, load time and DOM interactive from the page's
 * navigation timing.
 */

/** A built HTML page: its URL path and size on disk. */
export interface HtmlPage {
  route: string;
  bytes: number;
}

/** Every HTML page of a built site but Pagefind's, with its size. */
export function htmlPages(dist: string): HtmlPage[] {
  const pages: HtmlPage[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (dir !== dist || entry.name !== 'pagefind') walk(path);
      } else if (entry.name.endsWith('.html')) {
        const file = relative(dist, path).split(sep).join('/');
        pages.push({ route: file === 'index.html' ? '/' : `/${file.replace(/(^|\/)index\.html$/, '/')}`, bytes: statSync(path).size });
      }
    }
  };
  walk(dist);
  return pages;
}

/** The kind of page a route is, for the table: `/categories/<c>/`, `an incident page`… */
export function pageKind(route: string): string {
  const segments = route.split('/').filter(Boolean);
  if (segments.length === 0) return 'home';
  if (segments.length === 1) return route;
  if (segments.length === 2) return `/${segments[0]}/<${segments[0] === 'incidents' ? 'id' : segments[0].replace(/s$/, '').replace(/ie$/, 'y')}>/`;
  // A later page of a list: /incidents/page/4/, /categories/monitoring/page/2/.
  return `/${segments[0]}/${segments.length > 3 ? '…/' : ''}${segments.at(-2)}/N/`;
}

/**
 * The pages to open: the home page, /incidents/ and /actions/, the largest page of each other
 * kind (a category, a service, a quarter, an incident, and any later page of a list), and the
 * largest page of all.
 */
export function pagesToMeasure(pages: readonly HtmlPage[]): HtmlPage[] {
  const byKind = new Map<string, HtmlPage>();
  for (const page of pages) {
    const kind = pageKind(page.route);
    const best = byKind.get(kind);
    if (!best || page.bytes > best.bytes) byKind.set(kind, page);
  }
  const wanted = ['home', '/incidents/', '/actions/', '/categories/<category>/', '/services/<service>/', '/quarters/<quarter>/', '/incidents/<id>/'];
  const chosen = wanted.flatMap((kind) => byKind.get(kind) ?? []);
  const largest = [...pages].sort((a, b) => b.bytes - a.bytes)[0];
  if (largest && !chosen.includes(largest)) chosen.push(largest);
  return chosen;
}

/** One page's figures: medians over the runs. */
export interface PageTiming {
  route: string;
  bytes: number;
  loadMs: number;
  interactiveMs: number;
  /** On a list with a filter form: from choosing a filter to the matching rows drawn (null on other pages). */
  filterMs: number | null;
  runs: number;
}

/** Opens `route` `runs` times, each in a fresh context, and keeps the medians of its navigation timing. */
export async function timePage(browser: Browser, origin: string, page: HtmlPage, runs: number): Promise<PageTiming> {
  const loads: number[] = [];
  const interactives: number[] = [];
  const filters: number[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(`${origin}${page.route}`, { waitUntil: 'load', timeout: 120_000 });
    const timing = await tab.evaluate(() => {
      const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return { load: entry.loadEventEnd - entry.startTime, interactive: entry.domInteractive - entry.startTime };
    });
    loads.push(timing.load);
    interactives.push(timing.interactive);
    // A list's filter form (docs/site.md#long-lists): choose the first value of its first filter and
    // wait for the new count of matching rows, which comes once every row of the library is loaded.
    const select = tab.locator('form[data-filters]:not([hidden]) select').first();
    if (await select.count()) {
      const value = await select.locator('option').nth(1).getAttribute('value');
      const before = await tab.locator('[data-count]').first().textContent();
      const started = Date.now();
      await select.selectOption(value!);
      await tab.waitForFunction(
        (text) => {
          const now = document.querySelector('[data-count]')?.textContent ?? '';
          return now !== text && !/Loading/.test(now);
        },
        before,
        { timeout: 120_000 },
      );
      filters.push(Date.now() - started);
    }
    await context.close();
  }
  return { route: page.route, bytes: page.bytes, loadMs: median(loads), interactiveMs: median(interactives), filterMs: filters.length ? median(filters) : null, runs };
}

/** The search page's first answer: medians over the runs, and how many parts the index has. */
export interface SearchTiming {
  query: string;
  /** From opening `/search/?q=…` in a fresh context to the status line saying what was found. */
  firstResultsMs: number;
  parts: number;
  runs: number;
}

/** A word to search for: the first long word of the newest post-mortem's title (api/incidents.json), so there are results. */
export function searchWord(incidents: readonly { title: string }[]): string {
  return incidents[0]?.title.toLowerCase().match(/[a-z]{5,}/)?.[0] ?? 'incident';
}

/** Opens the search page with a query `runs` times, each in a fresh context (nothing of the index cached). */
export async function timeSearch(browser: Browser, origin: string, query: string, parts: number, runs: number): Promise<SearchTiming> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    const started = Date.now();
    await tab.goto(`${origin}/search/?q=${encodeURIComponent(query)}`, { timeout: 120_000 });
    await tab.waitForFunction(() => /found|No post-mortem/.test(document.querySelector('#search-status')?.textContent ?? ''), null, { timeout: 120_000 });
    times.push(Date.now() - started);
    await context.close();
  }
  return { query, firstResultsMs: median(times), parts, runs };
}

const size = (bytes: number) => (bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The figures as a Markdown table. */
export function readerTable(timings: readonly PageTiming[]): string {
  const rows = timings.map((t) => `| \`${t.route}\` | ${size(t.bytes)} | ${seconds(t.loadMs)} | ${seconds(t.interactiveMs)} | ${t.filterMs === null ? '–' : seconds(t.filterMs)} |`);
  return ['| page | HTML | load | DOM interactive | first filter |', '|---|---:|---:|---:|---:|', ...rows].join('\n');
}

/** The search page's line: its first results, and from how many parts of the index. */
export function searchLine(timing: SearchTiming): string {
  return `search: first results for “${timing.query}” after ${seconds(timing.firstResultsMs)} (median of ${timing.runs}), from ${timing.parts} part${timing.parts === 1 ? '' : 's'} of the index`;
}

/** The one-line verdict against the readers' targets: every page at most 1 MB, interactive within 1 s. */
export function readerVerdict(pages: readonly HtmlPage[], timings: readonly PageTiming[]): string[] {
  const largest = [...pages].sort((a, b) => b.bytes - a.bytes)[0];
  const slowest = [...timings].sort((a, b) => b.interactiveMs - a.interactiveMs)[0];
  const over = pages.filter((page) => page.bytes > 1024 ** 2).length;
  return [
    `largest page: ${largest?.route} ${size(largest?.bytes ?? 0)} of ${pages.length} pages; ${over} over 1 MB — ${over ? 'MISSED' : 'met'}`,
    `slowest DOM interactive: ${slowest?.route} ${seconds(slowest?.interactiveMs ?? 0)} (load ${seconds(slowest?.loadMs ?? 0)}) — ${slowest && slowest.interactiveMs > 1000 ? 'MISSED' : 'met'}`,
  ];
}
