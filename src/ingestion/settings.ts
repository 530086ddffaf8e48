import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentRoot } from './load.ts';
import { validateSettings } from '../check/validate.ts';
import { formatProblem } from '../check/problem.ts';
import { ContentError } from '../core/content-error.ts';
import { httpUrl } from '../schemas/common.ts';
import type { Settings } from '../schemas/settings.ts';

/**
 * The site's settings, read once from `<content>/settings.yaml`. `HINDSIGHT_URL` in the
 * environment replaces settings.url: a deploy names where it publishes (GitHub Pages' and GitLab
 * Pages' own URL for the repository, a preview's address) without an edit to the library.
 */
export function readSettings(root = contentRoot(), env: NodeJS.ProcessEnv = process.env): Settings {
  const file = join(root, 'settings.yaml');
  const result = validateSettings(file, existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  if (!result.value) throw new ContentError(`settings are invalid:\n\n${result.problems.map(formatProblem).join('\n')}\n`);
  if (!env.HINDSIGHT_URL) return result.value;
  const url = httpUrl.safeParse(env.HINDSIGHT_URL);
  if (!url.success) throw new ContentError(`HINDSIGHT_URL="${env.HINDSIGHT_URL}" ${url.error.issues[0].message}`);
  return { ...result.value, url: url.data };
}
