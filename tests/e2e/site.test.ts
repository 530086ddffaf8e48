import { describe, expect, it } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/build.ts';
import { describeQualityGate } from './lib/gate.ts';
import { focused, tabTo } from './lib/keyboard.ts';
import { DESKTOP, PHONE, useSite } from './lib/site.ts';
import { settle } from './lib/visit.ts';
import { axeViolations } from './lib/axe.ts';

/*
 * The built example library (content/), judged in headless Chromium and by outside checkers:
 * the quality gate of issue 6, plus keyboard journeys and screenshots. The library is built once
 * for every block of this file; tests/e2e/unseen-library.test.ts runs the same gate on a library
 * written by someone else.
 */
const site = useSite('content');

describeQualityGate(site);

describe('keyboard only', () => {
  it('skips to the content, then goes list → incident → category → quarter → services → service → actions → search → incident with a visible focus all the way', async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const invisible: string[] = [];
    const path = () => new URL(page.url()).pathname;

    await page.goto(`${site.origin}/incidents/`);
    await page.keyboard.press('Tab');
    expect((await focused(page)).description).toMatch(/Skip to content/);
    expect((await focused(page)).visible, 'the skip link shows when focused').toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Each step: Tab to the first link of that kind, press Enter, land on its page.
    const steps: [RegExp, RegExp][] = [
      [/^\/incidents\/[^/]+\/$/, /^\/incidents\/[^/]+\/$/],
      [/^\/categories\/[^/]+\/$/, /^\/categories\/[^/]+\/$/],
      [/^\/quarters\/\d{4}-Q[1-4]\/$/, /^\/quarters\/\d{4}-Q[1-4]\/$/],
      [/^\/services\/$/, /^\/services\/$/],
      [/^\/services\/[^/]+\/$/, /^\/services\/[^/]+\/$/],
      [/^\/actions\/$/, /^\/actions\/$/],
      [/^\/search\/$/, /^\/search\/$/],
    ];
    for (const [link, landing] of steps) {
      invisible.push(...(await tabTo(page, link)).map((element) => `${path()}  ${element}`));
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => landing.test(url.pathname));
      await settle(page);
    }

    // The search page: its field has focus or is a Tab away; type, wait for results, open one.
    const word = new URL(`${site.origin}${site.samples.find((sample) => sample.type === '/search/')!.route}`).searchParams.get('q')!;
    for (let presses = 0; presses < 40 && (await page.evaluate(() => document.activeElement?.id)) !== 'search-q'; presses++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
    await page.keyboard.type(word);
    await page.waitForFunction(() => /found/.test(document.querySelector('#search-status')?.textContent ?? ''));
    invisible.push(...(await tabTo(page, /^\/incidents\/[^/]+\/$/)).map((element) => `${path()}  ${element}`));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/incidents\/[^/]+\/$/);

    await context.close();
    expect(invisible, `focused with no visible indicator:\n${invisible.join('\n')}`).toEqual([]);
  });
});

describe('screenshots', () => {
  const folder = join(ROOT, 'test-results/screenshots');

  it('shoots every page type at 1280 and 390 px, light and dark', async () => {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    let count = 0;
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const viewport of [DESKTOP, PHONE]) {
        const context = await site.browser.newContext({ viewport, colorScheme });
        const page = await context.newPage();
        for (const sample of site.samples) {
          await page.goto(`${site.origin}${sample.route}`);
          await settle(page);
          const name = sample.type.replace(/\*/g, 'item').replace(/^\/|\/$/g, '').replace(/\//g, '-') || 'home';
          // JPEG: a full-page PNG of the 15 000 px action list takes twice as long to encode.
          await page.screenshot({ path: join(folder, `${name}-${viewport.width}-${colorScheme}.jpg`), fullPage: true, type: 'jpeg', quality: 85 });
          count++;
        }
        await context.close();
      }
    }
    console.info(`${count} screenshots in ${folder}`);
    expect(count).toBe(site.samples.length * 4);
  });
});

describe('similar incidents', () => {
  it('shows suggestions apart from the explicit links, each with its date, severity and why, and passes axe in both schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await site.browser.newContext({ viewport: DESKTOP, colorScheme });
      const page = await context.newPage();
      // INC-2026-005 declares repeatOf: INC-2025-019, and reads like INC-2025-031 (certificates, TLS).
      await page.goto(`${site.origin}/incidents/INC-2026-005/`);
      await settle(page);
      const section = page.locator('#pm-similar');
      expect(await section.locator('h2').textContent()).toBe('Similar incidents');
      const items = section.locator('li');
      const texts = await items.allTextContents();
      expect(texts.some((text) => text.includes('INC-2025-031')), texts.join('\n')).toBe(true);
      // The declared repeat is in "Related post-mortems", not among the suggestions.
      expect(texts.some((text) => text.includes('INC-2025-019'))).toBe(false);
      expect(await page.locator('#pm-related').textContent()).toContain('INC-2025-019');
      const first = items.first();
      expect(await first.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect(await first.textContent()).toMatch(/SEV-\d/);
      expect(await first.textContent()).toMatch(/Shared: words “/);
      await first.locator('a').click();
      await page.waitForURL(/\/incidents\/INC-2025-031\/$/);
      await page.goBack();
      await settle(page);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
