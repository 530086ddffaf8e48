import type { Page } from 'playwright-core';

/** What a page did while it loaded: problems a reader would meet, and every URL it asked for. */
export interface Visit {
  problems: string[];
  /** Scripts the browser fetched (modules and their imports included), as URL paths. */
  scripts: string[];
  /** Requests to any origin other than the local server (fonts, images, analytics…). */
  foreign: string[];
}

/**
 * Records console errors, uncaught exceptions, failed requests, error responses and requests
 * leaving the local server, from now until the returned function is called.
 */
export function watch(page: Page, origin: string): () => Visit {
  const visit: Visit = { problems: [], scripts: [], foreign: [] };
  const onConsole = (message: import('playwright-core').ConsoleMessage) => {
    if (message.type() === 'error') visit.problems.push(`console error: ${message.text()}`);
  };
  const onPageError = (error: Error) => visit.problems.push(`uncaught: ${error.message}`);
  const onRequest = (request: import('playwright-core').Request) => {
    const url = request.url();
    if (/^(data|blob):/.test(url)) return;
    if (!url.startsWith(`${origin}/`)) visit.foreign.push(`${request.resourceType()} ${url}`);
    // Its path within the site (under the base path, if the site has one), as a file of dist/.
    else if (request.resourceType() === 'script') visit.scripts.push(new URL(url).pathname.slice(new URL(origin).pathname.replace(/\/$/, '').length));
  };
  const onFailed = (request: import('playwright-core').Request) =>
    visit.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`);
  const onResponse = (response: import('playwright-core').Response) => {
    if (response.status() >= 400) visit.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('request', onRequest);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  return () => {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
    page.off('request', onRequest);
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
    return visit;
  };
}

/**
 * Waits until the page has done what it does without a reader: charts drawn, a search given in
 * the URL answered. Waiting on these, not on network silence, keeps each visit short.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(
    () => {
      const charts = document.querySelectorAll('[data-chart]').length;
      const drawn = document.querySelectorAll('.chart--drawn').length;
      const status = document.querySelector('#search-status');
      const searching = status !== null && !/found|No post-mortem|Type words/.test(status.textContent ?? '');
      return charts === drawn && !searching;
    },
    undefined,
    { timeout: 15_000 },
  );
}

/** Opens a page, lets it settle and returns what it did. */
export async function visit(page: Page, origin: string, route: string): Promise<Visit> {
  const stop = watch(page, origin);
  try {
    const response = await page.goto(`${origin}${route}`, { waitUntil: 'load' });
    await settle(page);
    const result = stop();
    if (!response?.ok()) result.problems.unshift(`HTTP ${response?.status()} for the page itself`);
    return result;
  } catch (error) {
    const result = stop();
    result.problems.push(`did not settle: ${(error as Error).message.split('\n')[0]}`);
    return result;
  }
}
