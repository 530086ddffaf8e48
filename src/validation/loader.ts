import { join, resolve } from 'node:path';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { checkLibrary } from './load.ts';
import { byPosition, formatProblem } from './problem.ts';

/** Raised when content is invalid; its message is the full list, so no stack trace is needed. */
export class ContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentError';
    // A content problem is not a crash: Astro prints no stack trace for an error without one.
    this.stack = '';
  }
}

/**
 * Astro's glob loader with Hindsight's validation in front: every file is checked from its source
 * text (Astro's YAML reader turns timestamps into Dates and drops the offset as written), all
 * problems are reported at once, and entries are stored with the frontmatter as written.
 */
export function postmortemLoader(root: string): Loader {
  const base = glob({
    pattern: '**/*.mdx',
    base: join(root, 'postmortems'),
    generateId: ({ entry, data }) => (typeof data.id === 'string' ? data.id : entry.replace(/^.*\//, '').replace(/\.mdx$/, '')),
  });
  return {
    name: 'hindsight-postmortems',
    load: async (context) => {
      const library = await checkLibrary(root);
      const problems = library.problems.sort(byPosition);
      for (const problem of problems.filter((p) => p.severity === 'warning')) context.logger.warn(formatProblem(problem));
      const errors = problems.filter((p) => p.severity === 'error');
      if (errors.length) {
        const files = new Set(errors.map((p) => p.file)).size;
        throw new ContentError(
          `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} — fix these and build again:\n\n${errors.map(formatProblem).join('\n')}\n`,
        );
      }
      // Every entry was just parsed with the collection's own schema (validateFile), so hand Astro
      // that result instead of letting it parse each entry a second time; keyed by absolute path.
      // A file the check did not see falls back to Astro's parse of the frontmatter.
      const dataByPath = new Map(library.entries.map((entry) => [resolve(entry.file), entry.data]));
      await base.load({
        ...context,
        parseData: async <TData extends Record<string, unknown>>(props: Parameters<typeof context.parseData<TData>>[0]) =>
          ((props.filePath && dataByPath.get(resolve(props.filePath))) as TData | undefined) || context.parseData(props),
      });
    },
  };
}
