import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { validateLibrary, type LibraryValidation } from './validate.ts';

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

/** Reads the content root from disk and validates all of it. Paths in problems are relative to cwd. */
export function loadLibrary(root = contentRoot(), cwd = process.cwd(), only?: readonly string[]): LibraryValidation & { files: string[] } {
  const settingsPath = join(root, 'settings.yaml');
  const files = listPostmortems(join(root, 'postmortems'));
  const shown = (path: string) => relative(cwd, path) || path;
  const result = validateLibrary(
    { file: shown(settingsPath), text: existsSync(settingsPath) ? readFileSync(settingsPath, 'utf8') : undefined },
    files.map((file) => ({ file: shown(file), text: readFileSync(file, 'utf8') })),
  );
  if (only) {
    const wanted = new Set(only.map((file) => shown(resolve(cwd, file))));
    result.problems = result.problems.filter((problem) => wanted.has(problem.file) || problem.file === shown(settingsPath));
  }
  return { ...result, files };
}
