import { defineCollection } from 'astro:content';
import { postmortemSchema } from './schemas/postmortem.ts';
import { postmortemLoader } from './validation/loader.ts';
import { contentRoot } from './validation/load.ts';
import { checkToday } from './validation/validate.ts';
import { readSettings } from './settings.ts';

const root = contentRoot();
const settings = readSettings(root);

const postmortems = defineCollection({
  loader: postmortemLoader(root),
  // The same today as `check`, so both accept the same dates.
  schema: postmortemSchema(settings, checkToday(settings)),
});

export const collections = { postmortems };
