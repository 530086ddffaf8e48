import type { APIRoute } from 'astro';
import { getLibrary } from '../../library.ts';
import { incidentRecord } from '../../domain/format.ts';

/** SPEC 5: one object per published post-mortem, with every computed figure of SPEC 4. */
export const GET: APIRoute = async () => {
  const { published } = await getLibrary();
  return new Response(JSON.stringify(published.map(incidentRecord), null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
