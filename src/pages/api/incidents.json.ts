import type { APIRoute } from 'astro';
import { getIncidentRecords } from '../../library.ts';

/** docs/site.md#json-files: one object per published post-mortem, with every computed figure of docs/format.md#computed-figures (no money in a public build). */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await getIncidentRecords(), null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
