import type { APIRoute, GetStaticPaths } from 'astro';
import { getIncidentRecords } from '../../../library.ts';
import { allPages, JSON_PAGE_SIZE } from '../../../domain/paging.ts';
import { jsonFile } from '../../../responses.ts';

/** docs/site.md#json-files: part N of incidents.json, JSON_PAGE_SIZE records, the same records in the same order; listed in index.json. */
export const getStaticPaths = (async () => {
  const records = await getIncidentRecords();
  return allPages(records, JSON_PAGE_SIZE).map((page) => ({ params: { page: `page-${page.page}` }, props: { items: page.items } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ items: unknown[] }> = ({ props }) =>
  jsonFile(props.items);
