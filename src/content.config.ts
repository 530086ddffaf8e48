import { defineCollection } from 'astro:content';
import { postmortemSchema } from './schemas/postmortem.ts';
import { postmortemLoader } from './loader/loader.ts';
import { contentRoot } from './ingestion/load.ts';
import { checkToday } from './check/validate.ts';
import { readSettings } from './ingestion/settings.ts';

const root = contentRoot();
const settings = readSettings(root);

const postmortems = defineCollection({
  loader: postmortemLoader(root),
  // The same today as `check`, so both accept the same dates.
  schema: postmortemSchema(settings, checkToday(settings)),
});

export const collections = { postmortems };
