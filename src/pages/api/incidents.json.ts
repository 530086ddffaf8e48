import type { APIRoute } from 'astro';
import { getLibrary } from '../../library.ts';
import { incidentRecord } from '../../domain/records.ts';

/** docs/site.md#json-files: one object per published post-mortem, with every computed figure of docs/format.md#computed-figures (no money in a public build). */
export const GET: APIRoute = async () => {
  const { published } = await getLibrary();
  return new Response(JSON.stringify(published.map(incidentRecord), null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
