import type { APIContext, GetStaticPaths } from 'astro';
import { getLibrary } from '../../../library.ts';
import { reviewNotes } from '../../../domain/review-notes.ts';
import type { QuarterStats } from '../../../domain/quarters.ts';
import { absolute } from '../../../paths.ts';
import { textFile } from '../../../responses.ts';

/** docs/site.md#the-quarterly-review: the quarter's review as Markdown, for the meeting notes. */
export const getStaticPaths = (async () => {
  const { quarters } = await getLibrary();
  return quarters.map((stats) => ({ params: { quarter: stats.quarter }, props: { stats } }));
}) satisfies GetStaticPaths;

export async function GET({ props }: APIContext<{ stats: QuarterStats }>) {
  const { incidents, byId, settings, today } = await getLibrary();
  const body = reviewNotes({
    stats: props.stats,
    incidents: incidents.filter((incident) => incident.quarter === props.stats.quarter),
    byId,
    settings,
    today,
    link: absolute,
  });
  return textFile(body, 'text/markdown');
}
