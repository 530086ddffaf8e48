import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { buildSite, type BuildResult } from './helpers/build.ts';
import { launchBrowser, serve, type StaticServer } from './helpers/browser.ts';
import { formatMinutes } from '../src/domain/format.ts';
import { formatCount, formatMoney, formatRate } from '../src/core/numbers.ts';
import type { quarterRecord } from '../src/domain/records.ts';

/*
 * docs/site.md#the-quarterly-review on the built example library (today 2026-11-27): each
 * quarter's review.md carries the figures of quarters.json, and each quarter page printed by
 * Chromium to A4 and Letter carries every headline figure, without the site's chrome.
 */

type Quarter = ReturnType<typeof quarterRecord>;

/** The headline table of a review.md: label → [value, change]. */
function headlineTable(markdown: string): Map<string, [string, string]> {
  const section = markdown.slice(markdown.indexOf('## 1. Headline figures'), markdown.indexOf('## 2.'));
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Figure'));
  return new Map(rows.map((row) => row.split(' | ').map((cell) => cell.replace(/^\| | \|$/g, '')) as [string, string, string]).map(([label, value, change]) => [label, [value, change]]));
}

/** A figure as review.md writes it, read back: null for unknown. */
function figure(text: string): number | null {
  if (text === 'unknown') return null;
  const match = /^([−+-]?)\$?([\d,]+(?:\.\d+)?)/.exec(text.replace(/^([−+])\$/, '$1'));
  if (!match) throw new Error(`not a figure: ${text}`);
  return (match[1] === '−' || match[1] === '-' ? -1 : 1) * Number(match[2].replace(/,/g, ''));
}

/** The change column read back: undefined for the first quarter ('—'), 0 for no change. */
function changeOf(text: string): number | null | undefined {
  if (text === '—') return undefined;
  if (text === 'no change') return 0;
  return figure(text);
}

const tenth = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

describe('the quarterly review as notes and on paper', () => {
  let build: BuildResult;
  let server: StaticServer;
  let browser: Browser;
  let quarters: Quarter[];

  beforeAll(async () => {
    build = await buildSite('content');
    expect(build.code, build.output).toBe(0);
    quarters = JSON.parse(readFileSync(join(build.outDir, 'api/quarters.json'), 'utf8')) as Quarter[];
    server = await serve(build.outDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('gives every quarter’s review.md the figures of quarters.json', () => {
    expect(quarters.map((quarter) => quarter.quarter)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    for (const quarter of quarters) {
      const markdown = readFileSync(join(build.outDir, 'quarters', quarter.quarter, 'review.md'), 'utf8');
      const table = headlineTable(markdown);
      const expected: [string, number | null, number | null | undefined][] = [
        ['Post-mortems', quarter.count, quarter.change?.count],
        ['MTTD, median', tenth(quarter.mttd.median), quarter.change && tenth(quarter.change.mttd.median)],
        ['MTTD, mean', tenth(quarter.mttd.mean), quarter.change && tenth(quarter.change.mttd.mean)],
        ['MTTR, median', tenth(quarter.mttr.median), quarter.change && tenth(quarter.change.mttr.median)],
        ['MTTR, mean', tenth(quarter.mttr.mean), quarter.change && tenth(quarter.change.mttr.mean)],
        ['Actions completed (done ÷ all but won’t-do)', percent(quarter.actionCompletionRate), quarter.change && percent(quarter.change.actionCompletionRate)],
        ['Done on time (by the deadline ÷ done)', percent(quarter.onTimeRate), quarter.change && percent(quarter.change.onTimeRate)],
        ['Repeat incidents', quarter.repeats, quarter.change?.repeats],
        ['Total cost', quarter.totalCost!, quarter.change?.totalCost],
      ];
      expect([...table.keys()], quarter.quarter).toEqual(expected.map(([label]) => label));
      for (const [label, value, change] of expected) {
        const [writtenValue, writtenChange] = table.get(label)!;
        const where = `${quarter.quarter} ${label}: ${writtenValue} | ${writtenChange}`;
        if (label === 'Total cost') {
          expect(figure(writtenValue), where).toBeCloseTo(value!, 2);
          if (change === undefined || change === null) expect(changeOf(writtenChange), where).toBe(change ?? undefined);
          else expect(changeOf(writtenChange), where).toBeCloseTo(change, 2);
        } else {
          expect(figure(writtenValue), where).toBe(value);
          expect(changeOf(writtenChange), where).toBe(change ?? (quarter.change ? null : undefined));
        }
      }
      // The top root-cause categories, in quarters.json's order.
      const invest = markdown.slice(markdown.indexOf('## 3.'), markdown.indexOf('## 4.'));
      expect([...invest.matchAll(/\/categories\/([^/]+)\//g)].map((match) => match[1]), quarter.quarter).toEqual(quarter.topCategories);
      // Repeats: one line per repeat of the quarter.
      const repeats = markdown.slice(markdown.indexOf('## 4.'), markdown.indexOf('## 5.'));
      expect(repeats.split('\n').filter((line) => line.startsWith('- ')).length, quarter.quarter).toBe(quarter.repeats);
    }
  });

  it('hand-worked: 2026-Q4’s notes', () => {
    const markdown = readFileSync(join(build.outDir, 'quarters/2026-Q4/review.md'), 'utf8');
    expect(markdown).toContain('| MTTR, median | 173 min (2 h 53 min) | +43 min |');
    expect(markdown).toContain('| Done on time (by the deadline ÷ done) | 85.7% | +28.6 points |');
    expect(markdown).toContain('| Total cost | $49,580.00 | −$1,785.20 |');
    expect(markdown).toContain('### Jonas Weber\n\n- [ ] Anomaly alerts on usage for the five most-used search features');
    expect(markdown).toContain('### notifications-team\n\n- [ ] Autoscale push workers on queue age');
    const page = readFileSync(join(build.outDir, 'quarters/2026-Q4/index.html'), 'utf8');
    expect(page).toContain('href="/quarters/2026-Q4/review.md"');
  });

  it('prints each quarter page on A4 and Letter with every headline figure, the date it reflects, and no site chrome', async () => {
    const page = await browser.newPage();
    const pages: Record<string, number> = {};
    for (const quarter of quarters) {
      await page.goto(`${server.url}/quarters/${quarter.quarter}/`);
      // The numbers the page's headline figures write (review.ts headlineFigures), from quarters.json.
      const numbers = [
        formatCount(quarter.count),
        formatMinutes(quarter.mttd.median),
        formatMinutes(quarter.mttr.median),
        `mean ${formatMinutes(quarter.mttd.mean)} · p90 ${formatMinutes(quarter.mttd.p90)}`,
        `mean ${formatMinutes(quarter.mttr.mean)} · p90 ${formatMinutes(quarter.mttr.p90)}`,
        formatRate(quarter.actionCompletionRate),
        formatRate(quarter.onTimeRate),
        formatCount(quarter.repeats),
        formatMoney(quarter.totalCost!, 'USD'),
      ];
      for (const format of ['A4', 'Letter'] as const) {
        const pdf = await getDocumentProxy(new Uint8Array(await page.pdf({ format })));
        const { totalPages, text } = await extractText(pdf, { mergePages: true });
        const words = text.replace(/\s+/g, ' ');
        pages[`${quarter.quarter} ${format}`] = totalPages;
        for (const number of numbers) expect(words, `${quarter.quarter} on ${format}: ${number}`).toContain(number);
        expect(words).toContain('figures as of 27 Nov 2026');
        expect(words).toContain(`Incident review: ${quarter.quarter}`);
        for (const chrome of ['Skip to content', 'Search post-mortems', 'built with Hindsight', 'quarters.json', 'For the meeting notes', 'All quarters']) {
          expect(words, `${quarter.quarter} on ${format}`).not.toContain(chrome);
        }
      }
    }
    // Worked by looking at the printed pages: 2026-Q4 is its figures; severity, kind, categories and
    // repeats; open actions and cost; its post-mortems — four pages on either paper.
    expect(pages['2026-Q4 A4']).toBe(4);
    expect(pages['2026-Q4 Letter']).toBe(4);
    for (const [which, count] of Object.entries(pages)) expect(count, which).toBeLessThanOrEqual(5);
    await page.close();
  });
});
