import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LinkChecker, LinkState } from 'linkinator';

/** The text of every `<tag>` element of an XML file, e.g. each `<loc>` of a sitemap. */
function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>\\s*(?:<!\\[CDATA\\[)?([^<\\]]+?)(?:\\]\\]>)?\\s*</${tag}>`, 'g'))].map((match) =>
    match[1].replace(/&amp;/g, '&'),
  );
}

export interface FeedLinks {
  /** Where the feeds say the site lives (settings.url, no trailing slash), e.g. `https://acme.github.io/postmortems`. */
  siteRoot: string;
  /** Every URL the feeds, the sitemap and incidents.json give, as found. */
  urls: string[];
}

/** The URLs other tools follow into the site: RSS items, sitemap entries and incidents.json urls. */
export function feedLinks(dist: string): FeedLinks {
  const rss = readFileSync(join(dist, 'rss.xml'), 'utf8');
  const siteRoot = xmlValues(rss, 'link')[0].replace(/\/+$/, '');
  const urls = [...xmlValues(rss, 'link'), ...xmlValues(rss, 'guid').filter((guid) => /^https?:/.test(guid))];
  const index = join(dist, 'sitemap-index.xml');
  if (existsSync(index)) {
    for (const sitemap of xmlValues(readFileSync(index, 'utf8'), 'loc')) {
      urls.push(sitemap);
      const file = join(dist, sitemap.slice(siteRoot.length));
      if (existsSync(file)) urls.push(...xmlValues(readFileSync(file, 'utf8'), 'loc'));
    }
  }
  const incidents = JSON.parse(readFileSync(join(dist, 'api/incidents.json'), 'utf8')) as { url: string }[];
  urls.push(...incidents.map((incident) => new URL(incident.url, siteRoot).href));
  return { siteRoot, urls };
}

/**
 * Crawls the served site from its home page, the feeds, the sitemap and the JSON files, following
 * every same-origin link and checking each `#fragment` names an element of its page. Links to other
 * origins are left alone: CI has no network, and they are not ours to fix.
 */
export async function brokenLinks(dist: string, origin: string): Promise<{ broken: string[]; checked: number; foreign: string[] }> {
  const { siteRoot, urls } = feedLinks(dist);
  // A feed or sitemap entry that does not point into the site is broken however it resolves.
  const foreign = urls.filter((url) => !url.startsWith(`${siteRoot}/`));
  const local = urls.filter((url) => url.startsWith(`${siteRoot}/`)).map((url) => origin + url.slice(siteRoot.length));
  // Every link to this server is followed, those that leave the base path too (they are broken).
  const host = new URL(origin).origin;
  const roots = ['/', '/rss.xml', '/sitemap-index.xml', '/api/incidents.json', '/api/quarters.json', '/api/actions.json'].map((path) => origin + path);
  const checker = new LinkChecker();
  const result = await checker.check({
    path: [...new Set([...roots, ...local])],
    recurse: true,
    checkFragments: true,
    concurrency: 16,
    timeout: 10_000,
    linksToSkip: async (link) => !link.startsWith(`${host}/`) && link !== host,
  });
  const broken = result.links
    .filter((link) => link.state === LinkState.BROKEN)
    .map((link) => {
      // A page that loads but lacks the fragment's element comes back 200 and broken.
      const why = link.status === 200 && link.url.includes('#') ? 'no element with this id' : `HTTP ${link.status ?? 'no response'}`;
      return `${link.url.replace(host, '')}  ${why} (linked from ${link.parent?.replace(host, '') ?? 'a page, feed or JSON file'})`;
    });
  return { broken: [...new Set(broken)].sort(), checked: result.links.filter((link) => link.state === LinkState.OK).length, foreign };
}
