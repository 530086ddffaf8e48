/**
 * The labelled set of similar post-mortems (docs/similar.md#how-well-it-works): libraries with
 * pairs known to repeat each other, and what the similarity index suggests for them. Read by
 * tests/similar-quality.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { convert } from '../../scripts/lib/import/convert.ts';
import { analyse, similarText, SimilarityIndex, type IndexDoc, type SimilarOptions, type SimilarSource } from '../../src/domain/similar.ts';

export interface LabelledLibrary {
  name: string;
  docs: { id: string; started: string; title: string; text: ReturnType<typeof similarText> }[];
  /** [later, earlier]: the later repeats the earlier. */
  pairs: [string, string][];
  /** Services settings.platformServices names: shared infrastructure. */
  platform?: string[];
}

/** A post-mortem file's frontmatter (as written, with defaults for what may be left out) and narrative. */
export function readPostmortem(text: string): { data: Record<string, any>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error('no frontmatter');
  return { data: parse(match[1]) as Record<string, any>, body: match[2] };
}

export function sourceOf(data: Record<string, any>): SimilarSource {
  const known = (value: unknown) => (value === 'unknown' || value === undefined ? null : value);
  return {
    title: String(data.title),
    services: data.services ?? [],
    tags: data.tags ?? [],
    timeline: (data.timeline ?? []).map((item: { event: unknown }) => ({ event: String(item.event) })),
    whys: (known(data.whys) as string[] | null) ?? null,
    rootCause: { category: known(data.rootCause?.category) as string | null, summary: known(data.rootCause?.summary) as string | null },
    impact: { summary: data.impact?.summary },
    detection: (known(data.detection) as { notes?: string } | null) ?? null,
    actions: (data.actions ?? []).map((action: { title: unknown }) => ({ title: String(action.title) })),
  };
}

/** Every post-mortem file under a folder, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A library folder (postmortems/ below it): its post-mortems, and the pairs its repeatOf fields declare. */
export function libraryFolder(name: string, root: string, extraPairs: [string, string][] = []): LabelledLibrary {
  const docs: LabelledLibrary['docs'] = [];
  const pairs: [string, string][] = [...extraPairs];
  for (const file of filesUnder(join(root, 'postmortems'))) {
    const { data, body } = readPostmortem(readFileSync(file, 'utf8'));
    const id = String(data.id ?? file.replace(/^.*\//, '').replace(/\.mdx?$/, ''));
    docs.push({ id, started: String(data.started instanceof Date ? data.started.toISOString() : data.started), title: String(data.title), text: similarText(sourceOf(data), body, id) });
    if (data.repeatOf) pairs.push([id, String(data.repeatOf)]);
  }
  const settings = parse(readFileSync(join(root, 'settings.yaml'), 'utf8')) ?? {};
  return { name, docs, pairs, platform: settings.platformServices ?? [] };
}

/** The DFDS archive (tests/fixtures/dfds), imported as `npm run import` would, with its families of repeats. */
export function dfdsLibrary(dir: string): LabelledLibrary {
  const docs: LabelledLibrary['docs'] = [];
  for (const file of readdirSync(dir).filter((name) => name.startsWith('PM20')).sort()) {
    const converted = convert(readFileSync(join(dir, file), 'utf8'), { from: file, today: '2025-06-01' });
    if (!converted.ok) throw new Error(`${file} does not import`);
    const { data, body } = readPostmortem(converted.text);
    docs.push({ id: String(data.id), started: String(data.started), title: String(data.title), text: similarText(sourceOf(data), body, String(data.id)) });
  }
  return { name: 'DFDS archive', docs, pairs: familyPairs(DFDS_FAMILIES) };
}

/**
 * The repeats of the DFDS archive, read from the post-mortems: the same symptom again, with a cause
 * the same or close (PM2021-007 says "another 503 incident … similar to other 503 incidents in the
 * past few days").
 */
export const DFDS_FAMILIES: string[][] = [
  ['PM2021-005', 'PM2021-006', 'PM2021-007'], // All services returning 503 in Kubernetes
  ['PM2021-001', 'PM2022-002', 'PM2023-002'], // Logs not shipped to CloudWatch
  ['PM2021-002', 'PM2021-003'], // Flux version bump causing component downtime
  ['PM2022-004', 'PM2022-007'], // Kafka metrics missing from Prometheus
  ['PM2020-002', 'PM2020-009'], // KIAM service disruption
];

/** Each later member of a family (oldest first) with each earlier one. */
export function familyPairs(families: readonly (readonly string[])[]): [string, string][] {
  return families.flatMap((family) => family.flatMap((later, i) => family.slice(0, i).map((earlier) => [later, earlier] as [string, string])));
}

export function indexOf(library: LabelledLibrary): SimilarityIndex {
  const platform = new Set(library.platform ?? []);
  return new SimilarityIndex(library.docs.map((doc): IndexDoc => ({ id: doc.id, started: doc.started, ...analyse(doc.text, platform) })));
}

/**
 * Recall@k: of the labelled pairs, the share whose earlier post-mortem is among the later one's
 * first k suggestions. A family of three counts as its later members finding any earlier member:
 * the newest needs only one of its two forerunners among its suggestions.
 */
export function recallAt(library: LabelledLibrary, index: SimilarityIndex, k = 3, options: SimilarOptions = {}): { found: number; total: number; missed: [string, string][] } {
  const byLater = new Map<string, string[]>();
  for (const [later, earlier] of library.pairs) byLater.set(later, [...(byLater.get(later) ?? []), earlier]);
  let found = 0;
  const missed: [string, string][] = [];
  for (const [later, earliers] of byLater) {
    const top = index.similarTo(later, { ...options, limit: k }).map((match) => match.id);
    if (earliers.some((earlier) => top.includes(earlier))) found++;
    else missed.push([later, earliers.join('|')]);
  }
  return { found, total: byLater.size, missed };
}

/** A library written by `npm run generate`, with the repeats it records in repeats.json (linked or not). */
export function generatedLibrary(name: string, root: string): LabelledLibrary {
  const library = libraryFolder(name, root);
  const { repeats } = JSON.parse(readFileSync(join(root, 'repeats.json'), 'utf8')) as { repeats: { id: string; repeats: string }[] };
  const pairs = new Map<string, [string, string]>(repeats.map(({ id, repeats: earlier }) => [`${id}>${earlier}`, [id, earlier]]));
  for (const [later, earlier] of library.pairs) pairs.set(`${later}>${earlier}`, [later, earlier]);
  return { ...library, pairs: [...pairs.values()] };
}
