import { incidentJson } from './domain/records.ts';
import { getCollection, getEntry, render } from 'astro:content';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { buildLibrary, todayFrom, type Library } from './domain/library.ts';
import { contentRoot } from './ingestion/load.ts';
import { absolute, BASE } from './paths.ts';
import { readSettings } from './ingestion/settings.ts';
import { ContentError } from './core/content-error.ts';
import { readSource } from './check/source.ts';
import type { NarrativeHeading } from './domain/toc.ts';
import { calendarFeeds, type Feeds } from './domain/calendar.ts';

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
    entries.map((entry) => ({ id: entry.id, file: relative(root, resolve(entry.filePath ?? '')), data: entry.data, narrative: () => narrativeOf(entry.filePath) })),
    settings,
    {
      today,
      drafts: process.env.HINDSIGHT_DRAFTS === '1',
      visibility: process.env.HINDSIGHT_VISIBILITY === 'public' ? 'public' : 'all',
      pageSize,
      base: BASE,
    },
  );
}

let records: Promise<ReturnType<typeof incidentJson>[]> | undefined;

/**
 * incidents.json's records (docs/site.md#json-files), worked out once for the whole file and its
 * parts: every published post-mortem, its suggestions limited to published ones.
 */
export function getIncidentRecords(): Promise<ReturnType<typeof incidentJson>[]> {
  records ??= getLibrary().then(({ published, similar }) => {
    const listed = new Set(published.map((incident) => incident.id));
    return published.map((incident) => incidentJson(incident, (similar.get(incident.id) ?? []).filter((match) => listed.has(match.id))));
  });
  return records;
}

let feeds: Promise<Feeds> | undefined;

/**
 * The calendar feeds (docs/site.md#calendar-feeds), worked out once for /calendar.ics, every
 * owner's feed and the links to them, with absolute URLs under Astro's `site` (settings.url).
 */
export function getCalendarFeeds(): Promise<Feeds> {
  feeds ??= getLibrary().then((model) => calendarFeeds(model, { site: absolute('/'), link: absolute }));
  return feeds;
}

/**
 * A post-mortem's narrative as written, for finding similar ones (src/domain/similar.ts): the
 * store keeps only the rendered HTML, so it is read again from the file, when it is needed.
 */
function narrativeOf(filePath: string | undefined): string | undefined {
  if (!filePath) return undefined;
  try {
    const path = resolve(filePath);
    return readSource(path, readFileSync(path, 'utf8')).body;
  } catch {
    return undefined;
  }
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
