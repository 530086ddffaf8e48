import type { APIRoute } from 'astro';
import { getLibrary } from '../../library.ts';
import { actionJson } from '../../domain/records.ts';

/** docs/site.md#json-files: every action of a published post-mortem, newest post-mortem first, in file order within one. */
export const GET: APIRoute = async () => {
  const { actions } = await getLibrary();
  return new Response(JSON.stringify(actions.map(actionJson), null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
