import { mkdirSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TODAY, generateLibrary, REPEATS_FILE } from './generate.ts';

export interface GenerateArgs {
  count: number;
  out: string;
  seed: number;
  today: string;
}

/** `--count N --out DIR [--seed S] [--today YYYY-MM-DD]`; throws with a usage message on bad input. */
export function parseGenerateArgs(argv: readonly string[]): GenerateArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: { count: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '1' }, today: { type: 'string', default: DEFAULT_TODAY } },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a whole number of post-mortems, at least 1 (got "${values.count ?? ''}")`);
  if (!values.out) throw new Error('--out names the folder to write the library into');
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number (got "${values.seed}")`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.today!)) throw new Error(`--today must be a date YYYY-MM-DD (got "${values.today}")`);
  return { count, out: resolve(values.out), seed, today: values.today! };
}

/**
 * Writes a generated library into `out` (its `postmortems/` folder is replaced, so re-running
 * with a smaller count leaves no stale files). Returns the number of post-mortems written.
 */
export function writeLibrary({ count, out, seed, today }: GenerateArgs): number {
  if (existsSync(out) && readdirSync(out).some((name) => name !== 'postmortems' && name !== 'settings.yaml' && name !== REPEATS_FILE)) {
    throw new Error(`${out} holds other files; point --out at an empty folder or at an earlier generated library`);
  }
  rmSync(join(out, 'postmortems'), { recursive: true, force: true });
  const files = generateLibrary({ count, seed, today });
  const folders = new Set(files.map((file) => dirname(join(out, file.path))));
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  for (const file of files) writeFileSync(join(out, file.path), file.text);
  return files.filter((file) => file.path.startsWith('postmortems/')).length;
}
