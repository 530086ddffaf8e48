import { getCollection, getEntry, render } from 'astro:content';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { buildLibrary, todayFrom, type Library } from './domain/library.ts';
import { contentRoot } from './ingestion/load.ts';
import { readSettings } from './ingestion/settings.ts';
import { ContentError } from './core/content-error.ts';
import type { NarrativeHeading } from './domain/toc.ts';

let library: Promise<Library> | undefined;

/** The one place that loads the collection: every page reads this model, built once per build. */
export function getLibrary(): Promise<Library> {
  library ??= load();
  return library;
}

async function load(): Promise<Library> {
  const root = contentRoot();
  const settings = readSettings(root);
  const today = todayFrom(process.env.HINDSIGHT_NOW, settings.timezone);
  if (!today) throw new ContentError(`HINDSIGHT_NOW="${process.env.HINDSIGHT_NOW}" is not a date; use an ISO date such as 2026-11-27 or a date-time with offset`);
  const pageSize = process.env.HINDSIGHT_PAGE_SIZE === undefined ? undefined : Number(process.env.HINDSIGHT_PAGE_SIZE);
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1)) {
    throw new ContentError(`HINDSIGHT_PAGE_SIZE="${process.env.HINDSIGHT_PAGE_SIZE}" is not a whole number of rows; use e.g. 100, or leave it unset`);
  }
  const entries = await getCollection('postmortems');
  return buildLibrary(
    entries.map((entry) => ({ id: entry.id, file: relative(root, resolve(entry.filePath ?? '')), data: entry.data })),
    settings,
    {
      today,
      drafts: process.env.HINDSIGHT_DRAFTS === '1',
      visibility: process.env.HINDSIGHT_VISIBILITY === 'public' ? 'public' : 'all',
      pageSize,
    },
  );
}

/** A rendered narrative and its headings (ids as on the page; src/loader/narrative.ts). */
export type Narrative = ({ html: string } | { Content: Awaited<ReturnType<typeof render>>['Content'] }) & { headings: NarrativeHeading[] };

/**
 * A post-mortem's narrative: the HTML rendered while the collection loaded, from the file the
 * loader wrote it to (src/loader/loader.ts), or the MDX component of one that needed
 * @astrojs/mdx (imports, local images).
 */
export async function getNarrative(id: string): Promise<Narrative | undefined> {
  const entry = await getEntry('postmortems', id);
  if (!entry) return undefined;
  const file = entry.rendered?.metadata?.narrativeFile;
  if (typeof file === 'string') return { html: readFileSync(file, 'utf8'), headings: (entry.rendered?.metadata?.headings ?? []) as NarrativeHeading[] };
  const { Content, headings } = await render(entry);
  return { Content, headings };
}
