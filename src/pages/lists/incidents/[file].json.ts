import type { APIRoute, GetStaticPaths } from 'astro';
import { getLibrary } from '../../../library.ts';
import { incidentRow, type IncidentRow } from '../../../domain/list-rows.ts';
import { allPages, ROWS_PER_FILE } from '../../../domain/paging.ts';
import { jsonFile } from '../../../responses.ts';

/**
 * The rows of the list of every post-mortem, newest first, ROWS_PER_FILE a file: what the list's
 * filters read in the browser (src/client/incident-filters.ts). The site's own data, not an API
 * (docs/site.md#long-lists).
 */
export const getStaticPaths = (async () => {
  const { incidents, settings } = await getLibrary();
  const severities = settings.severities.map((level) => level.id);
  const rows = incidents.map((incident) => incidentRow(incident, severities, settings.timezone));
  return allPages(rows, ROWS_PER_FILE).map((page) => ({ params: { file: String(page.page) }, props: { rows: page.items } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ rows: IncidentRow[] }> = ({ props }) =>
  jsonFile({ rows: props.rows }, { compact: true });
