import { getCalendarFeeds, getLibrary } from '../library.ts';
import { writeCalendar } from '../domain/calendar.ts';
import { textFile } from '../responses.ts';

/** docs/site.md#calendar-feeds: every open action's deadline and every open reporting deadline. */
export async function GET() {
  const { settings, today } = await getLibrary();
  const { all } = await getCalendarFeeds();
  const body = writeCalendar({
    name: `${settings.name}: deadlines`,
    description: `Deadlines of the open actions and reporting obligations of ${settings.name}`,
    events: all,
    today,
  });
  return textFile(body, 'text/calendar');
}
