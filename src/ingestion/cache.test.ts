import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLibrary } from './load.ts';
import { CheckCache } from './cache.ts';
import { validateFile } from '../check/validate.ts';
import { settingsSchema } from '../schemas/settings.ts';

// The check cache must never change an answer: a warm run reports exactly what a cold one does,
// and a change to a file, or to the names the blameless check looks for, is seen at once.
const FIXTURE = join(import.meta.dirname, '../../tests/fixtures/basic');
let work: string;
let saved: string | undefined;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'hindsight-cache-'));
  cpSync(FIXTURE, join(work, 'content'), { recursive: true });
  saved = process.env.HINDSIGHT_CACHE_DIR;
  process.env.HINDSIGHT_CACHE_DIR = join(work, 'cache');
});

afterEach(() => {
  if (saved === undefined) delete process.env.HINDSIGHT_CACHE_DIR;
  else process.env.HINDSIGHT_CACHE_DIR = saved;
  rmSync(work, { recursive: true, force: true });
});

const FILE = 'content/postmortems/2026/cdn-config-push.mdx';

async function problems() {
  const result = await checkLibrary(join(work, 'content'), work);
  return result.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.field} ${p.rule} ${p.severity} ${p.message}`).sort();
}

describe('the check cache', () => {
  it('gives a warm run the same problems and entries as a cold one', async () => {
    const path = join(work, FILE);
    // A warning in the body, an error in the frontmatter and a broken reference: every kind of result.
    writeFileSync(path, readFileSync(path, 'utf8').replace('severity: SEV-2', 'severity: SEV-9').replace(/\n## /, '\nIt was human error.\n\n## '));
    const cold = await problems();
    expect(existsSync(join(work, 'cache/hindsight-check.v8'))).toBe(true);
    expect(cold.some((line) => line.includes('severity'))).toBe(true);
    expect(cold.some((line) => line.includes('blame-phrase'))).toBe(true);
    const warm = await problems();
    expect(warm).toEqual(cold);
    const first = await checkLibrary(join(work, 'content'), work);
    process.env.HINDSIGHT_NO_CACHE = '1';
    const uncached = await checkLibrary(join(work, 'content'), work);
    delete process.env.HINDSIGHT_NO_CACHE;
    expect(first.entries.map((entry) => [entry.file, entry.id, entry.data])).toEqual(uncached.entries.map((entry) => [entry.file, entry.id, entry.data]));
    expect(first.problems).toEqual(uncached.problems);
  });

  it('sees a changed file and a new person name at once', async () => {
    expect(await problems()).toEqual([]);
    const path = join(work, FILE);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(/\n## /, '\nMarta Quist forgot to run the canary.\n\n## '));
    // Not a known name yet: no person finding.
    expect((await problems()).filter((line) => line.includes('blame-person'))).toEqual([]);
    writeFileSync(join(work, 'content/settings.yaml'), `${readFileSync(join(work, 'content/settings.yaml'), 'utf8')}\npeople: [Marta Quist]\n`);
    expect((await problems()).filter((line) => line.includes('blame-person'))).toHaveLength(1);
    writeFileSync(path, text);
    expect(await problems()).toEqual([]);
  });

  it('keeps what was validated after the validation results were written out ahead', () => {
    const settings = settingsSchema.parse({});
    const texts = ['a', 'b'].map((id) => ({ file: `${id}.mdx`, text: readFileSync(join(work, FILE), 'utf8').replace(/^id: .*$/m, `id: ${id}`) }));
    const first = CheckCache.open('x')!;
    first.validate(texts[0].file, texts[0].text, () => validateFile(texts[0].file, texts[0].text, settings));
    first.prepare();
    first.validate(texts[1].file, texts[1].text, () => validateFile(texts[1].file, texts[1].text, settings));
    first.save();
    const second = CheckCache.open('x')!;
    expect(texts.map(({ file, text }) => second.holds(file, text))).toEqual([true, true]);
    // Other settings: nothing stored applies.
    expect(CheckCache.open('y')!.isEmpty()).toBe(true);
  });

  it('starts empty from a damaged cache file, and the check still answers', async () => {
    const cold = await problems();
    const path = join(work, 'cache/hindsight-check.v8');
    writeFileSync(path, readFileSync(path).subarray(0, 1000));
    expect(CheckCache.open(readFileSync(join(work, 'content/settings.yaml'), 'utf8'))!.isEmpty()).toBe(true);
    expect(await problems()).toEqual(cold);
  });
});

