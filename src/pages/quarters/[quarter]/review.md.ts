import type { APIContext, GetStaticPaths } from 'astro';
import { getLibrary } from '../../../library.ts';
import { reviewNotes } from '../../../domain/review-notes.ts';
import type { QuarterStats } from '../../../domain/quarters.ts';
import { absoluteUrl } from '../../../core/urls.ts';

/** docs/site.md#the-quarterly-review: the quarter's review as Markdown, for the meeting notes. */
export const getStaticPaths = (async () => {
  const { quarters } = await getLibrary();
  return quarters.map((stats) => ({ params: { quarter: stats.quarter }, props: { stats } }));
}) satisfies GetStaticPaths;

export async function GET({ props, site }: APIContext<{ stats: QuarterStats }>) {
  const { incidents, byId, settings, today } = await getLibrary();
  const root = site?.href ?? 'http://localhost:4321/';
  const body = reviewNotes({
    stats: props.stats,
    incidents: incidents.filter((incident) => incident.quarter === props.stats.quarter),
    byId,
    settings,
    today,
    link: (path) => absoluteUrl(root, import.meta.env.BASE_URL, path),
  });
  return new Response(body, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
}
