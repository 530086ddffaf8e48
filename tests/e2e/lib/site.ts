import { afterAll, beforeAll, expect } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildSite, ROOT } from '../../helpers/build.ts';
import { launchBrowser, serve, type StaticServer } from '../../helpers/browser.ts';
import { discoverPages, representatives, type SitePage } from './routes.ts';
import { visit, type Visit } from './visit.ts';

/** A built library, served on 127.0.0.1, with a browser to look at it. */
export interface Site {
  dist: string;
  /** Where the site's root is served: `http://127.0.0.1:port`, plus the base path if it has one. */
  origin: string;
  browser: Browser;
  pages: SitePage[];
  /** One page per type; the search page with a query, so results (and their highlights) are judged too. */
  samples: SitePage[];
  json: <T>(path: string) => T;
  /** Every page loaded once at phone width, with what each did; shared by the tests that need it. */
  loads: () => Promise<Map<string, Visit & { overflow: number }>>;
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** A word from the newest post-mortem's title, so a search on the built index has results. */
function searchWord(incidents: { title: string }[]): string {
  const words = (incidents[0]?.title ?? '').toLowerCase().match(/[a-z]{5,}/g);
  return words?.[0] ?? 'incident';
}

/** The content folder with settings.url set to `url`, in a temporary copy. */
function hostedAt(content: string, url: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'hindsight-hosted-'));
  cpSync(resolve(ROOT, content), copy, { recursive: true });
  const settings = join(copy, 'settings.yaml');
  const text = existsSync(settings) ? readFileSync(settings, 'utf8').replace(/^url:.*\n/m, '') : '';
  writeFileSync(settings, `${text}\nurl: ${url}\n`);
  return copy;
}

/**
 * Builds a content folder once for every test of the file, serves it and starts Chromium.
 * Building takes most of the time on a 2-core machine, so each library is built once per run.
 * With `url` the library is hosted there (settings.url), and served under that URL's path alone.
 */
export function useSite(content: string, { url }: { url?: string } = {}): Site {
  let server: StaticServer | undefined;
  let loads: ReturnType<Site['loads']> | undefined;
  const site = { loads: () => (loads ??= loadAll(site)) } as Site;

  let copy: string | undefined;
  beforeAll(async () => {
    copy = url ? hostedAt(content, url) : undefined;
    const build = await buildSite(copy ?? content);
    expect(build.code, build.output).toBe(0);
    const base = url ? new URL(url).pathname : '/';
    server = await serve(build.outDir, base);
    site.dist = build.outDir;
    site.origin = server.url + base.replace(/\/+$/, '');
    site.browser = await launchBrowser();
    site.json = <T>(path: string) => JSON.parse(readFileSync(join(build.outDir, path), 'utf8')) as T;
    site.pages = discoverPages(build.outDir);
    const word = searchWord(site.json<{ title: string }[]>('api/incidents.json'));
    site.samples = representatives(site.pages).map((page) => (page.type === '/search/' ? { ...page, route: `/search/?q=${word}` } : page));
  });

  afterAll(async () => {
    await site.browser?.close();
    await server?.close();
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  return site;
}

async function loadAll(site: Site): Promise<Map<string, Visit & { overflow: number }>> {
  const context: BrowserContext = await site.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const results = new Map<string, Visit & { overflow: number }>();
  const routes = [...site.pages.map((p) => p.route), ...site.samples.filter((p) => p.route.includes('?')).map((p) => p.route)];
  for (const route of routes) {
    const result = await visit(page, site.origin, route);
    // Wider than the phone's screen: the whole page scrolls sideways (a wide table must scroll in its own box).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth).catch(() => 0);
    results.set(route, { ...result, overflow });
  }
  await context.close();
  return results;
}
