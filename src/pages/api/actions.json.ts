import type { APIRoute } from 'astro';
import { getLibrary } from '../../library.ts';
import { actionJson } from '../../domain/records.ts';
import { jsonFile } from '../../responses.ts';

/** docs/site.md#json-files: every action of a published post-mortem, newest post-mortem first, in file order within one. */
export const GET: APIRoute = async () => {
  const { actions } = await getLibrary();
  return jsonFile(actions.map(actionJson));
};
