import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getLibrary } from '../library.ts';

/** A feed of published post-mortems, newest first. */
export async function GET(context: APIContext) {
  const { settings, published } = await getLibrary();
  return rss({
    title: settings.name,
    description: `Post-mortems of ${settings.name}`,
    site: context.site ?? 'http://localhost:4321',
    trailingSlash: true,
    items: published.map((incident) => ({
      title: `${incident.id}: ${incident.title}`,
      link: incident.url,
      pubDate: new Date(incident.data.resolved ?? incident.data.started),
      description: incident.data.impact.summary ?? incident.data.rootCause.summary ?? undefined,
      categories: [incident.severity, incident.kind, incident.category, ...incident.services].filter((value): value is string => value !== null),
    })),
  });
}
