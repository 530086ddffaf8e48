import type { Settings } from '../schemas/settings.ts';
import { analyse, possibleRepeats, similarText, SimilarityIndex, type Analysed, type IndexDoc, type RepeatCandidate, type SimilarMatch } from '../domain/similar.ts';
import { problemAt } from './issues.ts';
import type { Problem } from './problem.ts';
import type { ValidEntry } from './validate.ts';

/** An earlier post-mortem like a checked one, with where it is. */
export interface SimilarFound extends SimilarMatch {
  file: string;
  title: string;
  started: string;
}

/** The earlier post-mortems most like one checked file. */
export interface SimilarReport {
  file: string;
  id: string;
  similar: SimilarFound[];
}

/** How many earlier post-mortems `check` lists for a file. */
const SHOWN = 5;

/**
 * The earlier post-mortems most like each of `files` (docs/similar.md#while-writing), and a
 * `possible-repeat` warning for those that may well be the same failure and are not linked. The
 * whole library is indexed, drafts too (two people may be writing up the same incident); only the
 * files asked about are looked up. `analysed` returns a file's features, from a cache when it can.
 */
export function similarInLibrary(
  entries: readonly ValidEntry[],
  files: ReadonlySet<string> | undefined,
  settings: Settings,
  analysed: (entry: ValidEntry, compute: () => Analysed) => Pick<IndexDoc, 'features' | 'forms'> = (_, compute) => compute(),
): { reports: SimilarReport[]; problems: Problem[] } {
  const platform = new Set(settings.platformServices);
  const index = new SimilarityIndex(
    entries.map((entry) => {
      const compute = () => analyse(similarText(entry.data, entry.source.body, entry.id), platform);
      // The files asked about are read afresh: their matches are explained in their own words.
      return { id: entry.id, started: entry.data.started, ...(!files || files.has(entry.file) ? compute() : analysed(entry, compute)) };
    }),
  );
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const candidates = new Map<string, RepeatCandidate>(entries.map((entry) => [entry.id, candidate(entry)]));
  const reports: SimilarReport[] = [];
  const problems: Problem[] = [];
  for (const entry of entries) {
    if (files && !files.has(entry.file)) continue;
    const started = Date.parse(entry.data.started);
    // Past post-mortems only: the question is whether this one happened before.
    const earlier = index
      .similarTo(entry.id, { limit: 20 })
      .filter((match) => Date.parse(byId.get(match.id)!.data.started) < started)
      .slice(0, SHOWN);
    reports.push({
      file: entry.file,
      id: entry.id,
      similar: earlier.map((match) => {
        const other = byId.get(match.id)!;
        return { ...match, file: other.file, title: other.data.title, started: other.data.started };
      }),
    });
    for (const match of possibleRepeats(candidates.get(entry.id)!, earlier, candidates)) {
      const other = byId.get(match.id)!;
      const why = [match.terms.length ? `the words ${match.terms.map((term) => `"${term}"`).join(', ')}` : '', match.services.length ? `service ${match.services.join(', ')}` : '', match.category ? `root-cause category ${match.category}` : '']
        .filter(Boolean)
        .join('; ');
      problems.push(
        problemAt(
          entry.source,
          ['title'],
          `reads like ${other.id} ("${other.data.title}", ${other.file}; similarity ${match.score.toFixed(2)}; shared: ${why}), an earlier post-mortem it does not link; if this is the same failure again, add repeatOf: ${other.id}; if not, add it to related and say in the narrative how it differs`,
          'possible-repeat',
          'warning',
        ),
      );
    }
  }
  return { reports, problems };
}

function candidate(entry: ValidEntry): RepeatCandidate {
  return { id: entry.id, started: entry.data.started, services: entry.data.services, category: entry.data.rootCause.category, related: entry.data.related, repeatOf: entry.data.repeatOf };
}

/**
 * A title (and services) scores lower against whole post-mortems than a whole post-mortem does:
 * the bar for `npm run new` to name one (docs/similar.md#while-writing).
 */
export const TITLE_SCORE = 0.05;

/** The post-mortems most like a title about to be written up (`npm run new`), best first. */
export function similarToTitle(entries: readonly ValidEntry[], title: string, services: readonly string[], settings: Settings): SimilarFound[] {
  const platform = new Set(settings.platformServices);
  const index = new SimilarityIndex(entries.map((entry) => ({ id: entry.id, started: entry.data.started, ...analyse(similarText(entry.data, entry.source.body, entry.id), platform) })));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return index.similarToText(analyse({ title, services }, platform), { threshold: TITLE_SCORE, limit: SHOWN }).map((match) => {
    const other = byId.get(match.id)!;
    return { ...match, file: other.file, title: other.data.title, started: other.data.started };
  });
}
