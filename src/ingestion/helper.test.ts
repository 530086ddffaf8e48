import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { generateLibrary } from '../../scripts/lib/generate.ts';
import { textKey } from './cache.ts';
import { CheckHelper } from './helper.ts';
import { checkLibrary, listPostmortems } from './load.ts';
import { validateFile, validateSettings } from '../check/validate.ts';

// The helper thread must never change an answer: the same problems, in the same order, and the
// same entries as one thread gives, whichever thread validated or linted a file.
let root: string;
let saved: string | undefined;
const token = ['gh', 'p_', 'Kx7Qm2Rt9Wp4Zs6Hv1Nb8Jc3Ld5Kx7Qm2Rt9'].join('');

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hindsight-helper-'));
  for (const file of generateLibrary({ count: 40, seed: 3 })) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.text);
  }
  // Every kind of problem, spread over the library: YAML, schema, reference, MDX syntax, secrets
  // (one echoed by a schema message), blame phrases and a person named as the one who failed.
  const files = listPostmortems(join(root, 'postmortems'));
  const edit = (index: number, change: (text: string) => string) => writeFileSync(files[index], change(readFileSync(files[index], 'utf8')));
  edit(1, (text) => text.replace(/^title: (.*)$/m, 'title: Outage: $1'));
  edit(5, (text) => text.replace(/^severity: .*$/m, 'severity: SEV-9'));
  edit(9, (text) => text.replace(/^id: .*$/m, '$&\nrepeatOf: INC-NOPE'));
  edit(14, (text) => `${text}\nThe retry loop <did not stop.\n`);
  edit(20, (text) => `${text}\nThe token ${token} was in the log. It was human error.\n`);
  edit(27, (text) => text.replace(/^severity: .*$/m, `severity: ${token}`));
  edit(33, (text) => `${text}\nPriya Natarajan forgot to renew the certificate.\n`);
  saved = process.env.HINDSIGHT_NO_CACHE;
  process.env.HINDSIGHT_NO_CACHE = '1';
});

afterAll(() => {
  if (saved === undefined) delete process.env.HINDSIGHT_NO_CACHE;
  else process.env.HINDSIGHT_NO_CACHE = saved;
  rmSync(root, { recursive: true, force: true });
});

describe('checkLibrary with a helper thread', () => {
  it('reports exactly what one thread reports, in the same order', async () => {
    const alone = await checkLibrary(root, root, undefined, { helper: false });
    const shared = await checkLibrary(root, root, undefined, { helperFrom: 1 });
    const rules = new Set(alone.problems.map((problem) => problem.rule));
    for (const rule of ['yaml', 'schema', 'reference', 'mdx-syntax', 'secret', 'blame-phrase', 'blame-person']) expect(rules).toContain(rule);
    expect(shared.problems).toEqual(alone.problems);
    expect(shared.entries.map((entry) => [entry.file, entry.id, entry.data])).toEqual(alone.entries.map((entry) => [entry.file, entry.id, entry.data]));
    // The secret quoted by the schema message is cut short whichever thread found it.
    expect(JSON.stringify(shared.problems)).not.toContain(token.slice(0, 5));
  });

  it('reports the same for only some files', async () => {
    const files = listPostmortems(join(root, 'postmortems')).slice(10, 30).map((file) => relative(root, file));
    const alone = await checkLibrary(root, root, files, { helper: false });
    const shared = await checkLibrary(root, root, files, { helperFrom: 1 });
    expect(shared.problems).toEqual(alone.problems);
    expect(shared.problems.length).toBeGreaterThan(0);
  });
});

describe('CheckHelper', () => {
  const settingsFile = () => ({ file: 'settings.yaml', text: readFileSync(join(root, 'settings.yaml'), 'utf8') });
  const job = () => ({ settings: settingsFile(), files: listPostmortems(join(root, 'postmortems')).map((path) => ({ file: relative(root, path), path })) });

  it('validates and lints every file the main thread leaves to it, as validateFile would', async () => {
    const helper = CheckHelper.start()!;
    try {
      const { settings, files } = job();
      const validated = await helper.validate({ settings, files }).results;
      expect(validated?.size).toBe(files.length);
      const here = validateSettings(settings.file, settings.text).value!;
      for (const [index, found] of validated!) {
        const text = readFileSync(files[index].path, 'utf8');
        const expected = validateFile(files[index].file, text, here);
        expect(found).toEqual({ problems: expected.problems, entry: expected.value ? { id: expected.value.id, data: expected.value.data } : null, key: textKey(files[index].file, text) });
      }
      const linted = await helper.lint([20, 33], ['Priya Natarajan']).results;
      expect([...linted!.keys()]).toEqual([0, 1]);
      expect(linted!.get(0)!.secrets).toHaveLength(1);
      expect(linted!.get(1)!.problems.map((problem) => problem.rule)).toContain('blame-person');
    } finally {
      helper.close();
    }
  });

  it('leaves alone what the main thread took from the back', async () => {
    const helper = CheckHelper.start()!;
    try {
      const { settings, files } = job();
      const share = helper.validate({ settings, files });
      // Taken before the helper can have started: it stops where the main thread's items begin.
      const taken = [files.length - 1, files.length - 2, files.length - 3].filter((index) => share.take(index));
      expect(taken).toHaveLength(3);
      const validated = await share.results;
      expect([...validated!.keys()]).toEqual(files.slice(0, -3).map((_, index) => index));
    } finally {
      helper.close();
    }
  });
});
