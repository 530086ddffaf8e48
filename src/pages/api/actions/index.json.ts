import type { APIRoute } from 'astro';
import { getLibrary } from '../../../library.ts';
import { href } from '../../../paths.ts';
import { JSON_PAGE_SIZE, pageCount } from '../../../domain/paging.ts';

/**
 * docs/site.md#json-files: actions.json in parts, for readers that should not take every action in one
 * file: the count, the records per part, and the address of each part (`page-1.json`, …), in the
 * order of actions.json.
 */
export const GET: APIRoute = async () => {
  const { actions } = await getLibrary();
  const pages = pageCount(actions.length, JSON_PAGE_SIZE);
  const index = {
    count: actions.length,
    perPage: JSON_PAGE_SIZE,
    pages: Array.from({ length: pages }, (_, page) => href(`/api/actions/page-${page + 1}.json`)),
  };
  return new Response(JSON.stringify(index, null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
