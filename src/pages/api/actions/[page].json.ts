import type { APIRoute, GetStaticPaths } from 'astro';
import { getLibrary } from '../../../library.ts';
import { actionJson } from '../../../domain/records.ts';
import type { ActionItem } from '../../../domain/library.ts';
import { allPages, JSON_PAGE_SIZE } from '../../../domain/paging.ts';
import { jsonFile } from '../../../responses.ts';

/** docs/site.md#json-files: part N of actions.json, JSON_PAGE_SIZE records, the same records in the same order; listed in index.json. */
export const getStaticPaths = (async () => {
  const { actions } = await getLibrary();
  return allPages(actions, JSON_PAGE_SIZE).map((page) => ({ params: { page: `page-${page.page}` }, props: { items: page.items } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ items: ActionItem[] }> = ({ props }) =>
  jsonFile(props.items.map((item) => actionJson(item)));
