import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { kb, scriptWeight, SCRIPT_BUDGETS } from './budget.ts';
import { categorySource, compareChart, quartersSource, readCharts, type IncidentJson, type QuarterJson } from './charts.ts';
import { brokenLinks } from './links.ts';
import { htmlErrors } from './markup.ts';
import { REQUIRED_TYPES } from './routes.ts';
import { DESKTOP, type Site } from './site.ts';
import { visit } from './visit.ts';

/** Lists one problem a line, so a failure shows all of them, not only the first. */
const report = (problems: string[]) => (problems.length ? `\n${problems.join('\n')}\n` : '');

/**
 * The checks every built library must pass, by checkers nobody on the team wrote: Chromium,
 * axe-core, html-validate and linkinator. Registered inside the caller's file, after useSite().
 */
export function describeQualityGate(site: Site, { absentTypes = [] }: { absentTypes?: readonly string[] } = {}): void {
  describe('pages', () => {
    it('has every page type of docs/site.md#pages', () => {
      const types = new Set(site.pages.map((page) => page.type));
      // A library may lack a type with reason, e.g. an imported archive that names no service.
      expect(REQUIRED_TYPES.filter((type) => !types.has(type) && !absentTypes.includes(type))).toEqual([]);
      console.info(`${site.pages.length} pages of ${types.size} types: ${[...types].join(' ')}`);
    });

    it('loads every page with no console error, failed request or error response', async () => {
      const problems = [...(await site.loads())].flatMap(([route, result]) => result.problems.map((problem) => `${route}  ${problem}`));
      expect(problems, report(problems)).toEqual([]);
    });

    it('asks no other origin for anything: fonts, images and scripts all come from the site', async () => {
      const foreign = [...(await site.loads())].flatMap(([route, result]) => result.foreign.map((request) => `${route}  ${request}`));
      expect(foreign, report(foreign)).toEqual([]);
    });

    it('fits a 390 px phone: no page scrolls sideways as a whole', async () => {
      const wide = [...(await site.loads())].filter(([, result]) => result.overflow > 0).map(([route, result]) => `${route}  ${result.overflow}px too wide`);
      expect(wide, report(wide)).toEqual([]);
    });
  });

  describe('script budgets', () => {
    it('keeps each incident page within 20 KB and each quarter page within 70 KB of gzip script before any interaction', async () => {
      const loads = await site.loads();
      const over: string[] = [];
      const measured: string[] = [];
      for (const page of site.pages) {
        const budget = SCRIPT_BUDGETS[page.type];
        const load = loads.get(page.route);
        if (!load) continue;
        const { bytes, files } = scriptWeight(site.dist, page.file, load.scripts);
        if (budget !== undefined && bytes > budget) over.push(`${page.route}  ${kb(bytes)} > ${kb(budget)}: ${files.join(', ') || 'inline scripts'}`);
        if (budget !== undefined || page === site.samples.find((sample) => sample.type === page.type)) measured.push(`${page.route} ${kb(bytes)}`);
      }
      console.info(`script (gzip) per page: ${[...new Set(measured)].join(' · ')}`);
      expect(over, report(over)).toEqual([]);
    });
  });

  describe('accessibility (axe-core, WCAG 2.0/2.1 A and AA)', () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`finds no violation on any page type in the ${colorScheme} scheme`, async () => {
        const context = await site.browser.newContext({ viewport: DESKTOP, colorScheme });
        const page = await context.newPage();
        const problems: string[] = [];
        for (const sample of site.samples) {
          const result = await visit(page, site.origin, sample.route);
          problems.push(...result.problems.map((problem) => `${sample.route}  ${problem}`));
          problems.push(...(await axeViolations(page)).map((violation) => `${sample.route}  ${violation}`));
        }
        await context.close();
        expect(problems, report(problems)).toEqual([]);
      });
    }
  });

  describe('markup and links', () => {
    it('passes html-validate (standard preset) on every page', async () => {
      const errors = await htmlErrors(
        site.pages.map((page) => page.file),
        site.dist,
      );
      expect(errors, report(errors)).toEqual([]);
    });

    it('has no broken internal link or anchor, from the pages, feeds, sitemap and JSON alike', async () => {
      const { broken, checked, foreign } = await brokenLinks(site.dist, site.origin);
      console.info(`linkinator: ${checked} internal links and anchors resolve`);
      expect(foreign, `feed or sitemap entries outside the site:${report(foreign)}`).toEqual([]);
      expect(broken, report(broken)).toEqual([]);
      expect(checked).toBeGreaterThan(site.pages.length);
    });
  });

  describe('charts', () => {
    it('draws every chart (the canvas is not blank) with a data table of the same numbers as the JSON export', async () => {
      const quarters = site.json<QuarterJson[]>('api/quarters.json');
      const incidents = site.json<IncidentJson[]>('api/incidents.json');
      const labels = quarters.map((quarter) => quarter.quarter);
      const context = await site.browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      const problems: string[] = [];
      let count = 0;
      for (const { route, type } of site.pages.filter((p) => p.type === '/quarters/' || p.type === '/categories/*/')) {
        await visit(page, site.origin, route);
        for (const chart of await readCharts(page)) {
          count++;
          if (chart.painted < 0.02 || chart.colours < 3) problems.push(`${route} ${chart.id}: blank canvas (${(chart.painted * 100).toFixed(1)}% painted, ${chart.colours} colours)`);
          const source = type === '/quarters/' ? quartersSource(quarters, chart.id) : categorySource(incidents, route.split('/')[2]);
          problems.push(...compareChart(chart, labels, source).map((problem) => `${route}  ${problem}`));
        }
      }
      await context.close();
      expect(problems, report(problems)).toEqual([]);
      expect(count, 'the /quarters/ page draws its trend charts').toBeGreaterThanOrEqual(5);
    });
  });
}
