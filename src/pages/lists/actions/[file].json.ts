import type { APIRoute, GetStaticPaths } from 'astro';
import { getLibrary } from '../../../library.ts';
import { actionRow, trackerOrder, type ActionRow } from '../../../domain/list-rows.ts';
import { allPages, ROWS_PER_FILE } from '../../../domain/paging.ts';
import { jsonFile } from '../../../responses.ts';

/**
 * The rows of the action tracker, in its order without JavaScript (overdue first, then by
 * deadline), ROWS_PER_FILE a file, with the titles of their post-mortems once per file: what the
 * tracker's filters read in the browser (src/client/action-tracker.ts). The site's own data, not
 * an API (docs/site.md#long-lists).
 */
export const getStaticPaths = (async () => {
  const { actions, published, byId, today } = await getLibrary();
  const rank = new Map(published.map((incident, index) => [incident.id, index]));
  const ordered = trackerOrder(actions, published);
  return allPages(ordered, ROWS_PER_FILE).map((page) => {
    const titles: Record<string, string> = {};
    const rows = page.items.map((action) => {
      const incident = byId.get(action.incident)!;
      titles[incident.id] = incident.title;
      return actionRow(action, today, incident.quarter, rank.get(incident.id) ?? 0);
    });
    return { params: { file: String(page.page) }, props: { titles, rows } };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ titles: Record<string, string>; rows: ActionRow[] }> = ({ props }) =>
  jsonFile(props, { compact: true });
