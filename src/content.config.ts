import { defineCollection } from 'astro:content';
import { postmortemSchema } from './schemas/postmortem.ts';
import { postmortemLoader } from './validation/loader.ts';
import { contentRoot } from './validation/load.ts';
import { readSettings } from './settings.ts';

const root = contentRoot();

const postmortems = defineCollection({
  loader: postmortemLoader(root),
  schema: postmortemSchema(readSettings(root)),
});

export const collections = { postmortems };
