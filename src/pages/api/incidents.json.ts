import type { APIRoute } from 'astro';
import { getLibrary } from '../../library.ts';
import { incidentJson } from '../../domain/records.ts';

/** docs/site.md#json-files: one object per published post-mortem, with every computed figure of docs/format.md#computed-figures (no money in a public build). */
export const GET: APIRoute = async () => {
  const { published, similar } = await getLibrary();
  // The file lists published post-mortems only, so its suggestions name only those.
  const listed = new Set(published.map((incident) => incident.id));
  const records = published.map((incident) => incidentJson(incident, (similar.get(incident.id) ?? []).filter((match) => listed.has(match.id))));
  return new Response(JSON.stringify(records, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
