import { publicLeaks, type LeakSubject } from '../domain/visibility.ts';
import { proseStrings } from './lint.ts';
import { formatField, type Problem } from './problem.ts';
import { locate, position } from './source.ts';
import type { ValidEntry } from './validate.ts';

/** Whether this run builds (or checks for) the public library: HINDSIGHT_VISIBILITY=public. */
export const isPublicBuild = (env: NodeJS.ProcessEnv = process.env) => env.HINDSIGHT_VISIBILITY === 'public';

/**
 * The public build's rule across files (docs/safety.md#public-means-public): a public post-mortem
 * may not name, link or quote an internal one in its narrative or its prose fields.
 */
export function publicLeakProblems(entries: readonly ValidEntry[]): Problem[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const subjects: LeakSubject[] = entries.map((entry) => ({
    id: entry.id,
    title: entry.data.title,
    visibility: entry.data.visibility,
    // Only public post-mortems' texts are read.
    texts: entry.data.visibility === 'public' ? [{ path: ['body'], text: entry.source.body }, ...proseStrings(entry.data)] : [],
  }));
  return publicLeaks(subjects).map((leak) => {
    const source = byId.get(leak.id)!.source;
    const offset = leak.path[0] === 'body' && leak.path.length === 1 ? source.bodyOffset + leak.index : locate(source, leak.path);
    return { file: source.file, ...position(source, offset), field: formatField(leak.path), message: leak.message, severity: 'error', rule: 'public-leak' };
  });
}
