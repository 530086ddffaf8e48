import { absoluteUrl, basePathOf, withBase } from './core/urls.ts';
import { readSettings } from './ingestion/settings.ts';

/**
 * The base path the site is hosted at, from settings.url as astro.config.mjs sets Astro's `base`.
 * Read from the settings rather than import.meta.env.BASE_URL, which the environment can
 * override in server code (a BASE_URL variable, as test runners set).
 */
const { url } = readSettings();
export const BASE = basePathOf(url);

/** Where the site is read (settings.url), as Astro's `site`; localhost when the library names none. */
export const SITE = url ?? 'http://localhost:4321/';

/**
 * A site path as a reader follows it, under the base path (src/core/urls.ts). Every link, asset
 * and data URL a page writes goes through it.
 */
export function href(path: string): string {
  return withBase(BASE, path);
}

/** The absolute URL of a site path, for feeds, calendars and notes read outside the site. */
export function absolute(path: string): string {
  return absoluteUrl(SITE, BASE, path);
}
