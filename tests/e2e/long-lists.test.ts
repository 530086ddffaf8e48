import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeLibrary } from '../../scripts/lib/generate-files.ts';
import { buildSite } from '../helpers/build.ts';
import { launchBrowser, serve, type StaticServer } from '../helpers/browser.ts';
import { axeViolations } from './lib/axe.ts';
import { htmlErrors } from './lib/markup.ts';
import { DESKTOP } from './lib/site.ts';

/*
 * Long lists (docs/site.md#long-lists) on a generated library of 120 post-mortems built with 7
 * rows a page, so every list spans many pages: without JavaScript the pager links reach every
 * post-mortem and every action exactly once; with it, a filter finds rows that sit on later
 * pages, across the whole library, with the counts of incidents.json and actions.json.
 */
const PAGE_SIZE = 7;
/** Words a part of the search index may hold: about twenty of these post-mortems. */
const SEARCH_PART_WORDS = 40_000;

interface IncidentJson {
  id: string;
  title: string;
  started: string;
  severity: string | null;
  quarter: string;
  category: string | null;
  services: string[];
  obligations: { label: string }[];
}
interface ActionJson {
  incident: string;
  title: string;
  status: string | null;
  priority: string | null;
}

let content: string;
let dist: string;
let server: StaticServer;
let browser: Browser;
let incidents: IncidentJson[];
let actions: ActionJson[];

beforeAll(async () => {
  content = mkdtempSync(join(tmpdir(), 'hindsight-long-lists-'));
  // A seed whose library has reporting obligations on more than one page of /compliance/.
  writeLibrary({ count: 120, out: content, seed: 2, today: '2026-11-27' });
  const build = await buildSite(content, { HINDSIGHT_PAGE_SIZE: String(PAGE_SIZE), HINDSIGHT_SEARCH_PART_WORDS: String(SEARCH_PART_WORDS) });
  expect(build.code, build.output).toBe(0);
  dist = build.outDir;
  server = await serve(dist);
  browser = await launchBrowser();
  incidents = JSON.parse(readFileSync(join(dist, 'api/incidents.json'), 'utf8'));
  actions = JSON.parse(readFileSync(join(dist, 'api/actions.json'), 'utf8'));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(content, { recursive: true, force: true });
});

/** Follows the rel=next links from `start`, collecting `pick` of every page; returns the pages' paths too. */
async function walk(page: Page, start: string, pick: (page: Page) => Promise<string[]>): Promise<{ items: string[]; paths: string[] }> {
  // Only the pages themselves: their styles and fonts change no link.
  await page.route('**/*', (route) => (route.request().resourceType() === 'document' ? route.continue() : route.abort()));
  const items: string[] = [];
  const paths: string[] = [];
  let next: string | null = `${server.url}${start}`;
  while (next) {
    // Without JavaScript the page is whole once parsed: no need to wait for styles and fonts.
    const response = await page.goto(next, { waitUntil: 'domcontentloaded' });
    expect(response?.status(), next).toBe(200);
    paths.push(new URL(page.url()).pathname);
    items.push(...(await pick(page)));
    const link = page.locator('[data-pager] a[rel="next"]');
    next = (await link.count()) ? new URL((await link.getAttribute('href'))!, page.url()).href : null;
    expect(paths.length, 'the pager ends').toBeLessThan(500);
  }
  return { items, paths };
}

const incidentIds = (page: Page) => page.locator('[data-rows] tr .incidents__id, table.incidents tbody tr .incidents__id').allTextContents();
const actionKeys = (page: Page) =>
  page.locator('.tracker__table tbody tr').evaluateAll((rows) => rows.map((row) => `${row.querySelector('td a')?.textContent?.trim()}|${row.querySelector('th')?.textContent?.trim()}`));
const sorted = (values: string[]) => [...values].sort();
/** The value of `key` that the most post-mortems have: the group with the longest list. */
const largest = (key: (incident: IncidentJson) => string[]) => {
  const counts = new Map<string, number>();
  for (const incident of incidents) for (const value of key(incident)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
};

describe('without JavaScript, the pager links reach every row once', () => {
  it('walks /incidents/ page by page to every post-mortem of incidents.json', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const { items, paths } = await walk(page, '/incidents/', incidentIds);
    await context.close();
    expect(paths.length).toBe(Math.ceil(incidents.length / PAGE_SIZE));
    expect(paths[1]).toBe('/incidents/page/2/');
    expect(items).toEqual(incidents.map((incident) => incident.id));
  });

  it('walks /actions/ page by page to every action of actions.json', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const { items, paths } = await walk(page, '/actions/', actionKeys);
    await context.close();
    const tracked = actions.filter((action) => action.status !== null);
    expect(paths.length).toBe(Math.ceil(tracked.length / PAGE_SIZE));
    expect(sorted(items)).toEqual(sorted(tracked.map((action) => `${action.incident}|${action.title}`)));
  });

  it('walks /compliance/ page by page to every reporting obligation of incidents.json', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const rows = (tab: Page) =>
      tab.locator('table.obligations tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.querySelector('td a')?.textContent?.trim()}|${tr.querySelector('th')?.textContent?.trim()}`));
    const { items, paths } = await walk(page, '/compliance/', rows);
    await context.close();
    const expected = incidents.flatMap((incident) => incident.obligations.map((obligation) => `${incident.id}|${obligation.label}`));
    expect(expected.length, 'the library has obligations on more than one page').toBeGreaterThan(PAGE_SIZE);
    expect(paths.length).toBe(Math.ceil(expected.length / PAGE_SIZE));
    expect(sorted(items)).toEqual(sorted(expected));
  });

  it('walks the largest category, service and quarter to each of their post-mortems', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const groups: [string, (incident: IncidentJson) => string[]][] = [
      ['categories', (incident) => (incident.category ? [incident.category] : [])],
      ['services', (incident) => incident.services],
      ['quarters', (incident) => [incident.quarter]],
    ];
    for (const [kind, key] of groups) {
      const name = largest(key);
      const { items, paths } = await walk(page, `/${kind}/${name}/`, incidentIds);
      const expected = incidents.filter((incident) => key(incident).includes(name)).map((incident) => incident.id);
      expect(paths.length, `${kind}/${name} spans pages`).toBeGreaterThan(1);
      expect(items, `${kind}/${name}`).toEqual(expected);
    }
    await context.close();
  });
});

describe('with JavaScript, filters work across every page', () => {
  const countOf = (page: Page) => page.locator('[data-count]').textContent();
  /** [matching, of all] from "Showing 8–14 of 23 post-mortems that match (of 116)." or "Showing 3 actions that match (of 480)." */
  const matched = (text: string | null) => {
    const found = /(\d[\d,]*) (?:post-mortems?|actions?) that match(?:es)? \(of (\d[\d,]*)\)\.$/.exec(text ?? '');
    return found ? [Number(found[1].replace(/,/g, '')), Number(found[2].replace(/,/g, ''))] : text;
  };

  it('finds a post-mortem of the last page by its quarter and severity, with the count of incidents.json, kept in the address', async () => {
    const target = incidents.at(-1)!;
    const expected = incidents.filter((incident) => incident.quarter === target.quarter && incident.severity === target.severity);
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${server.url}/incidents/`);
    expect(await countOf(page)).toBe(`Showing 1–${PAGE_SIZE} of ${incidents.length} post-mortems.`);
    expect(await page.locator('[data-count]').getAttribute('aria-live')).toBe('polite');
    expect(await incidentIds(page)).not.toContain(target.id);

    await page.getByLabel('Quarter').selectOption(target.quarter);
    await page.getByLabel('Severity').selectOption(target.severity!);
    // The address changes once the rows of the last choice are drawn.
    await page.waitForURL((url) => url.searchParams.has('severity') && url.searchParams.has('quarter'));
    expect(matched(await countOf(page))).toEqual([expected.length, incidents.length]);
    expect(new URL(page.url()).search).toBe(`?severity=${target.severity}&quarter=${target.quarter}`);

    // Page through the filtered results with the pager's own links until the post-mortem shows.
    const found: string[] = [];
    for (let guard = 0; guard < 20; guard++) {
      found.push(...(await incidentIds(page)));
      const next = page.locator('[data-pager] a[rel="next"]');
      if (!(await next.count())) break;
      await next.click();
      await page.waitForFunction(() => !document.querySelector('[aria-busy]'));
    }
    expect(found).toContain(target.id);
    expect(found).toEqual(expected.map((incident) => incident.id));

    // The address holds the view: a reload shows the same count.
    await page.goto(`${server.url}/incidents/?severity=${target.severity}&quarter=${target.quarter}`);
    await page.waitForFunction(() => /match/.test(document.querySelector('[data-count]')?.textContent ?? ''));
    expect(matched(await countOf(page))).toEqual([expected.length, incidents.length]);
    await context.close();
  });

  it('finds the actions of the last page by status and priority, with the count of actions.json', async () => {
    const tracked = actions.filter((action) => action.status !== null);
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${server.url}/actions/`);
    expect(await countOf(page)).toBe(`Showing 1–${PAGE_SIZE} of ${tracked.length} actions.`);

    // The last action without JavaScript sits on the last page; a filter brings it up.
    await page.goto(`${server.url}/actions/page/${Math.ceil(tracked.length / PAGE_SIZE)}/`);
    const [last] = (await actionKeys(page)).slice(-1);
    const target = tracked.find((action) => `${action.incident}|${action.title}` === last)!;
    const expected = tracked.filter((action) => action.status === target.status && action.priority === target.priority);
    await page.getByLabel('Status').selectOption(target.status!);
    await page.getByLabel('Priority').selectOption(target.priority!);
    await page.getByLabel('Sort by').selectOption('incident');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'incident');
    expect(matched(await countOf(page))).toEqual([expected.length, tracked.length]);
    expect(new URL(page.url()).pathname).toBe('/actions/');

    const found: string[] = [];
    for (let guard = 0; guard < 60; guard++) {
      found.push(...(await actionKeys(page)));
      const next = page.locator('[data-pager] a[rel="next"]');
      if (!(await next.count())) break;
      await next.click();
      await page.waitForFunction(() => !document.querySelector('[aria-busy]'));
    }
    expect(found).toContain(last);
    expect(sorted(found)).toEqual(sorted(expected.map((action) => `${action.incident}|${action.title}`)));
    await context.close();
  });
});

describe('search, with the index in parts', () => {
  /** What the search page shows: each result's id and date, in order, and its status line. */
  const shown = async (page: Page) => {
    await page.waitForFunction(() => /found|No post-mortem/.test(document.querySelector('#search-status')?.textContent ?? ''));
    const metas = await page.locator('#search-results .result__meta').allTextContents();
    return { results: metas.map((meta) => meta.split(' · ')), status: await page.textContent('#search-status') };
  };

  it('is built in several parts, newest post-mortems first', () => {
    const { parts } = JSON.parse(readFileSync(join(dist, 'pagefind/parts.json'), 'utf8')) as { parts: string[] };
    expect(parts.length).toBeGreaterThanOrEqual(4);
  });

  it("lists a filter's post-mortems from every part, newest first, with the count of incidents.json", async () => {
    // A severity with up to one screen of results (20), from across the library's parts.
    const counts = new Map<string, number>();
    for (const incident of incidents) if (incident.severity) counts.set(incident.severity, (counts.get(incident.severity) ?? 0) + 1);
    const [severity, count] = [...counts].filter(([, n]) => n >= 5 && n <= 20).sort((a, b) => b[1] - a[1])[0];
    const expected = incidents.filter((incident) => incident.severity === severity).sort((a, b) => Date.parse(b.started) - Date.parse(a.started));
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${server.url}/search/?severity=${severity}`);
    const { results, status } = await shown(page);
    expect(status).toBe(`${count} post-mortems found.`);
    expect(sorted(results.map(([id]) => id))).toEqual(sorted(expected.map((incident) => incident.id)));
    // Newest first across the parts: a part's scores only rank its own results.
    const dates = results.map(([, date]) => date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(results[0][0]).toBe(expected[0].id);
    expect(await page.locator(`input[name="severity"][value="${severity}"]`).locator('xpath=..').locator('[data-count]').textContent()).toBe(`(${count})`);
    await context.close();
  });

  it('finds the oldest post-mortem, in the last part, by a word of its title', async () => {
    const oldest = [...incidents].sort((a, b) => Date.parse(a.started) - Date.parse(b.started))[0];
    const word = oldest.title.toLowerCase().match(/[a-z]{5,}/g)![0];
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${server.url}/search/?q=${word}&quarter=${oldest.quarter}`);
    const { results } = await shown(page);
    expect(results.map(([id]) => id)).toContain(oldest.id);
    await context.close();
  });
});

describe('the new pages pass the gate', () => {
  const routes = () => [
    '/incidents/page/2/',
    '/actions/page/2/',
    '/compliance/page/2/',
    `/quarters/${largest((incident) => [incident.quarter])}/page/2/`,
    `/categories/${largest((incident) => (incident.category ? [incident.category] : []))}/page/2/`,
  ];

  it('has no axe violation, also with rows drawn by the filters', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const problems: string[] = [];
    for (const route of [...routes(), '/incidents/?sort=severity&page=3', '/actions/?status=open&page=2']) {
      await page.goto(`${server.url}${route}`);
      await page.waitForFunction(() => !document.querySelector('[aria-busy]') && !/Loading/.test(document.querySelector('[data-count]')?.textContent ?? ''));
      problems.push(...(await axeViolations(page)).map((violation) => `${route}  ${violation}`));
    }
    await context.close();
    expect(problems).toEqual([]);
  });

  it('passes html-validate', async () => {
    const files = routes().map((route) => join(dist, route, 'index.html'));
    expect(await htmlErrors(files, dist)).toEqual([]);
  });

  it('keeps incidents.json whole and gives it in parts listed by an index', () => {
    const index = JSON.parse(readFileSync(join(dist, 'api/incidents/index.json'), 'utf8')) as { count: number; pages: string[] };
    expect(index.count).toBe(incidents.length);
    const parts = index.pages.flatMap((path) => JSON.parse(readFileSync(join(dist, path), 'utf8')) as IncidentJson[]);
    expect(parts).toEqual(incidents);
  });
});
