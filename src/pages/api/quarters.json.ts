import type { APIRoute } from 'astro';
import { getLibrary } from '../../library.ts';
import { quarterRecord } from '../../domain/records.ts';
import { jsonFile } from '../../responses.ts';

/** docs/site.md#json-files: one object per quarter, oldest first, quiet quarters included; p90 and change as extras. */
export const GET: APIRoute = async () => {
  const { quarters } = await getLibrary();
  const records = quarters.map(quarterRecord);
  return jsonFile(records);
};
