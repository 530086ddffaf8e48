import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A built HTML page: its URL path, its file, and the page type it belongs to. */
export interface SitePage {
  /** URL path as a static host serves it, e.g. `/incidents/INC-1/`. */
  route: string;
  file: string;
  /** The route with its variable part starred, e.g. `/incidents/*\/`. */
  type: string;
  bytes: number;
}

/** Page types every library has (docs/site.md#pages); others, such as /compliance/, are found in dist. */
export const REQUIRED_TYPES = [
  '/',
  '/incidents/',
  '/incidents/*/',
  '/quarters/',
  '/quarters/*/',
  '/categories/',
  '/categories/*/',
  '/services/',
  '/services/*/',
  '/actions/',
  '/search/',
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** `/incidents/INC-1/` → `/incidents/*\/`; top-level pages are their own type. */
export function pageType(route: string): string {
  const segments = route.split('/').filter(Boolean);
  if (segments.length <= 1) return route;
  return `/${segments[0]}/${'*/'.repeat(segments.length - 1)}`;
}

/** Every HTML page of a built site, found on disk so new pages join the checks by themselves. */
export function discoverPages(dist: string): SitePage[] {
  return walk(dist)
    .filter((file) => file.endsWith('.html') && !relative(dist, file).startsWith(`pagefind${sep}`))
    .map((file) => {
      const path = relative(dist, file).split(sep).join('/');
      const route = path === 'index.html' ? '/' : `/${path.replace(/(^|\/)index\.html$/, '/')}`;
      return { route, file, type: pageType(route), bytes: statSync(file).size };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

/**
 * One page per type: the largest, which carries the most components (an incident with a
 * timeline, factors, actions, cost and regulatory clocks rather than a short one).
 */
export function representatives(pages: SitePage[]): SitePage[] {
  const byType = new Map<string, SitePage>();
  for (const page of pages) {
    const best = byType.get(page.type);
    if (!best || page.bytes > best.bytes) byType.set(page.type, page);
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}
