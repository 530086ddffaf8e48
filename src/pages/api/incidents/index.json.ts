import type { APIRoute } from 'astro';
import { getLibrary } from '../../../library.ts';
import { href } from '../../../paths.ts';
import { JSON_PAGE_SIZE, pageCount } from '../../../domain/paging.ts';

/**
 * docs/site.md#json-files: incidents.json in parts, for readers that should not take every post-mortem in one
 * file: the count, the records per part, and the address of each part (`page-1.json`, …), in the
 * order of incidents.json.
 */
export const GET: APIRoute = async () => {
  const { published } = await getLibrary();
  const pages = pageCount(published.length, JSON_PAGE_SIZE);
  const index = {
    count: published.length,
    perPage: JSON_PAGE_SIZE,
    pages: Array.from({ length: pages }, (_, page) => href(`/api/incidents/page-${page + 1}.json`)),
  };
  return new Response(JSON.stringify(index, null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
