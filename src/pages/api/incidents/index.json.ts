import type { APIRoute } from 'astro';
import { getLibrary } from '../../../library.ts';
import { href } from '../../../paths.ts';
import { JSON_PAGE_SIZE, partsIndex } from '../../../domain/paging.ts';
import { jsonFile } from '../../../responses.ts';

/**
 * docs/site.md#json-files: incidents.json in parts, for readers that should not take every post-mortem in one
 * file: the count, the records per part, and the address of each part (`page-1.json`, …), in the
 * order of incidents.json.
 */
export const GET: APIRoute = async () => {
  const { published } = await getLibrary();
  return jsonFile(partsIndex(published.length, JSON_PAGE_SIZE, (page) => href(`/api/incidents/page-${page}.json`)));
};
