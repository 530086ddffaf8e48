import type { APIContext, GetStaticPaths } from 'astro';
import { getCalendarFeeds, getLibrary } from '../../../library.ts';
import { writeCalendar, type OwnerFeed } from '../../../domain/calendar.ts';
import { textFile } from '../../../responses.ts';

/** One feed per owner (docs/site.md#calendar-feeds); a public build's model names no owner, so it has none. */
export const getStaticPaths = (async () => {
  const { owners } = await getCalendarFeeds();
  return owners.map((feed) => ({ params: { owner: feed.segment }, props: { feed } }));
}) satisfies GetStaticPaths;

export async function GET({ props }: APIContext<{ feed: OwnerFeed }>) {
  const { settings, today } = await getLibrary();
  const { feed } = props;
  const body = writeCalendar({
    name: `${feed.owner}: action deadlines`,
    description: `Deadlines of the open actions owned by ${feed.owner} in ${settings.name}`,
    events: feed.events,
    today,
  });
  return textFile(body, 'text/calendar');
}
