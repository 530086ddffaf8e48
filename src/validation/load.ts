import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { validateLibrary, type LibraryValidation } from './validate.ts';
import { lintFile, personNames, redactSecretEchoes } from './lint.ts';
import { CheckCache, cachedValidate } from './cache.ts';

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
export function loadLibrary(root = contentRoot(), cwd = process.cwd(), only?: readonly string[], cache?: CheckCache): LibraryValidation & { files: string[] } {
  const shown = (path: string) => relative(cwd, path) || path;
  const settingsPath = join(root, 'settings.yaml');
  const listed = listPostmortems(join(root, 'postmortems'));
  // A file named on the command line is checked with the library even when it lives elsewhere.
  const extra = (only ?? []).map((file) => resolve(cwd, file)).filter((file) => !listed.includes(file));
  const files = [...listed, ...extra];
  const result = validateLibrary(
    { file: shown(settingsPath), text: readSettingsText(settingsPath) },
    files.map((file) => ({ file: shown(file), text: readFileSync(file, 'utf8') })),
    cachedValidate(cache),
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
  // Results of unchanged files are reused (cache.ts): a warm check of 10,000 files takes seconds.
  const cache = CheckCache.open(readSettingsText(join(root, 'settings.yaml')));
  const result = loadLibrary(root, cwd, only, cache);
  if (!result.settings) return result;
  const settings = result.settings;
  const names = personNames(settings, result.entries);
  const byFile = new Map(result.entries.map((entry) => [entry.file, entry]));
  for (const source of result.sources) {
    let problems = cache?.lintResult(source, names);
    if (!problems) {
      problems = await lintFile(source, byFile.get(source.file), settings, names);
      cache?.storeLint(source, names, problems);
    }
    result.problems.push(...problems);
  }
  cache?.save();
  // A schema message may quote a field's value: never print a secret pasted there in full.
  result.problems = await redactSecretEchoes(result.problems, result.sources);
  return result;
}

function readSettingsText(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
