/**
 * Where the site lives: `settings.url` may carry a path (`https://acme.github.io/postmortems/`,
 * the default for GitHub and GitLab Pages project sites), and every link, asset and feed then sits
 * under it. Pages write site paths (`/incidents/x/`); these turn them into what a reader follows.
 */

/** The path part of the site's URL, as Astro's `base`: `/postmortems` or `/` (no trailing slash but for the root). */
export function basePathOf(siteUrl: string | undefined): string {
  if (!siteUrl) return '/';
  const path = new URL(siteUrl).pathname.replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

/** A site path under the base: `withBase('/postmortems', '/incidents/')` is `/postmortems/incidents/`. */
export function withBase(base: string, path: string): string {
  if (!path.startsWith('/')) throw new Error(`a site path starts with "/": ${path}`);
  const root = base.replace(/\/+$/, '');
  return `${root}${path}`;
}

/** An absolute URL of a site path, for feeds, calendars and canonical links. */
export function absoluteUrl(site: string, base: string, path: string): string {
  return new URL(withBase(base, path), site).href;
}
