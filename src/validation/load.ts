import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { validateLibrary, type LibraryValidation } from './validate.ts';
import { lintFile, personNames } from './lint.ts';

/** The content root: HINDSIGHT_CONTENT or `content/`, as an absolute path. */
export function contentRoot(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, env.HINDSIGHT_CONTENT || 'content');
}

/** Every `.mdx` file under a folder, sorted, as absolute paths. */
export function listPostmortems(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((item) => item.isFile() && item.name.endsWith('.mdx'))
    .map((item) => join(item.parentPath, item.name))
    .sort();
}

/**
 * Reads the content root from disk and validates all of it (schema and rules, no linters).
 * `only` limits the report to some files; the whole library is still read, since ids and
 * references span files. Paths in problems are relative to `cwd`.
 */
export function loadLibrary(root = contentRoot(), cwd = process.cwd(), only?: readonly string[]): LibraryValidation & { files: string[] } {
  const shown = (path: string) => relative(cwd, path) || path;
  const settingsPath = join(root, 'settings.yaml');
  const listed = listPostmortems(join(root, 'postmortems'));
  // A file named on the command line is checked with the library even when it lives elsewhere.
  const extra = (only ?? []).map((file) => resolve(cwd, file)).filter((file) => !listed.includes(file));
  const files = [...listed, ...extra];
  const result = validateLibrary(
    { file: shown(settingsPath), text: existsSync(settingsPath) ? readFileSync(settingsPath, 'utf8') : undefined },
    files.map((file) => ({ file: shown(file), text: readFileSync(file, 'utf8') })),
  );
  if (only) {
    const wanted = new Set([...only.map((file) => shown(resolve(cwd, file))), shown(settingsPath)]);
    result.problems = result.problems.filter((problem) => wanted.has(problem.file));
    result.sources = result.sources.filter((source) => wanted.has(source.file));
  }
  return { ...result, files };
}

/** Everything `loadLibrary` checks, plus the linters (secrets, MDX syntax, blameless, warnings). */
export async function checkLibrary(root = contentRoot(), cwd = process.cwd(), only?: readonly string[]): Promise<LibraryValidation & { files: string[] }> {
  const result = loadLibrary(root, cwd, only);
  if (!result.settings) return result;
  const names = personNames(result.settings, result.entries);
  const byFile = new Map(result.entries.map((entry) => [entry.file, entry]));
  for (const source of result.sources) {
    result.problems.push(...(await lintFile(source, byFile.get(source.file), result.settings, names)));
  }
  return result;
}
