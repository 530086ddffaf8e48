import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentRoot } from './load.ts';
import { validateSettings } from '../check/validate.ts';
import { formatProblem } from '../check/problem.ts';
import { ContentError } from '../core/content-error.ts';
import type { Settings } from '../schemas/settings.ts';

/** The site's settings, read once from `<content>/settings.yaml`. */
export function readSettings(root = contentRoot()): Settings {
  const file = join(root, 'settings.yaml');
  const result = validateSettings(file, existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  if (!result.value) throw new ContentError(`settings are invalid:\n\n${result.problems.map(formatProblem).join('\n')}\n`);
  return result.value;
}
