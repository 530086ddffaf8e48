import type { APIRoute } from 'astro';
import { getLibrary } from '../../library.ts';
import { quarterRecord } from '../../domain/records.ts';

/** docs/site.md#json-files: one object per quarter, oldest first, quiet quarters included; p90 and change as extras. */
export const GET: APIRoute = async () => {
  const { quarters } = await getLibrary();
  const records = quarters.map(quarterRecord);
  return new Response(JSON.stringify(records, null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
