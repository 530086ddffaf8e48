import type { APIRoute } from 'astro';
import { getIncidentRecords } from '../../library.ts';
import { jsonFile } from '../../responses.ts';

/** docs/site.md#json-files: one object per published post-mortem, with every computed figure of docs/format.md#computed-figures (no money in a public build). */
export const GET: APIRoute = async () =>
  jsonFile(await getIncidentRecords());
