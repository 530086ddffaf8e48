import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isMap, isScalar } from 'yaml';
import { settingsSchema, type Settings } from '../schemas/settings.ts';
import { alignValue } from './decoded.ts';
import { findSecretsAhead, lintFile, redactSecretEchoes, secretsFoundIn } from './lint.ts';
import { checkLibrary } from '../ingestion/load.ts';
import { readSource } from './source.ts';
import type { Problem } from './problem.ts';

/** Where each character of the value of `key` sits in the file, as the text under it. */
function located(yamlBody: string, key: string, word: string): string {
  const text = `---\n${yamlBody}---\n`;
  const source = readSource('x.mdx', text);
  const contents = source.doc!.contents;
  if (!isMap(contents)) throw new Error('not a map');
  const node = contents.get(key, true);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) throw new Error(`no string at ${key}`);
  const offsets = alignValue(node.value, text, source.frontmatterOffset + node.range[0], source.frontmatterOffset + node.range[1]);
  const index = node.value.indexOf(word);
  const at = offsets[index];
  const before = text.slice(0, at);
  return `${before.split('\n').length}:${at - before.lastIndexOf('\n')} ${text.slice(at, at + word.length)}`;
}

describe('alignValue: a finding in a YAML string points at the text as written', () => {
  it.each([
    ['plain', 'why: The queue was full and human error was blamed\n', '2:29 human error'],
    ['plain over two lines', 'why: The queue was full and\n  human error was blamed\n', '3:3 human error'],
    ['single-quoted with an escaped quote', "why: 'It''s not human error'\n", '2:17 human error'],
    ['double-quoted with an escape', 'why: "A \\"tab\\" then human error"\n', '2:22 human error'],
    ['folded', 'why: >-\n  The scheduler matched local time, and the\n  duplicate was put down to human error.\n', '4:29 human error'],
    ['folded with a blank line', 'why: >\n  First part.\n\n  Then human error.\n', '5:8 human error'],
    ['literal, indented', 'why: |\n    Line one\n    and human error here\n', '4:9 human error'],
    ['literal with a comment after the indicator', 'why: |-  # written by the IC\n    human error first\n', '3:5 human error'],
  ])('%s', (_, yamlBody, expected) => {
    expect(located(yamlBody, 'why', 'human error')).toBe(expected);
  });
});

describe('redactSecretEchoes', () => {
  const token = ['gh', 'p_', 'Kx7Qm2Rt9Wp4Zs6Hv1Nb8Jc3Ld5Kx7Qm2Rt9'].join('');
  const text = `---\nrelated: [${token}]\nticket: ${token.slice(0, 30)}\n---\n`;
  const source = readSource('a.mdx', text);
  const problem = (message: string, rule = 'reference'): Problem => ({ file: 'a.mdx', line: 2, column: 11, field: 'related[0]', message, severity: 'error', rule });

  it('cuts every quoted secret of the file to its first 4 characters, whole or truncated', async () => {
    const problems = await redactSecretEchoes(
      [problem(`"${token}" is not the id of any post-mortem`), problem(`must be a URL (found "${token.slice(0, 30)}…")`, 'schema'), problem('is fine', 'schema')],
      [source],
    );
    expect(problems.map((p) => p.message)).toEqual(['"ghp_…" is not the id of any post-mortem', 'must be a URL (found "ghp_……")', 'is fine']);
  });

  it('leaves problems of other files, and files without secrets, alone', async () => {
    const other = { ...problem(`"${token}" is not the id of any post-mortem`), file: 'b.mdx' };
    const clean = readSource('c.mdx', '---\ntitle: Fine\n---\n');
    expect(await redactSecretEchoes([other, { ...problem('"INC-2026-001" is not the id'), file: 'c.mdx' }], [source, clean])).toEqual([
      other,
      { ...problem('"INC-2026-001" is not the id'), file: 'c.mdx' },
    ]);
  });
});

describe('findSecretsAhead: secrets found while a thread waits', () => {
  const token = ['gh', 'p_', 'Kx7Qm2Rt9Wp4Zs6Hv1Nb8Jc3Ld5Kx7Qm2Rt9'].join('');
  const sources = (count: number) => Array.from({ length: count }, (_, index) => readSource(`${index}.mdx`, `---\ntitle: Fine\n---\n\nThe token ${token} was pasted here.\n`));

  it('finds the secrets of every source while nothing arrives, in order', async () => {
    const all = sources(40);
    await findSecretsAhead(all, new Promise(() => {}));
    expect(all.map((source) => secretsFoundIn(source)?.map((secret) => secret.kind))).toEqual(all.map(() => ['GitHub token']));
  });

  it('stops soon after what it waits for arrives, leaving the rest to lintFile', async () => {
    const all = sources(200);
    let arrive!: () => void;
    const arrival = new Promise<void>((resolve) => (arrive = resolve));
    setImmediate(arrive);
    await findSecretsAhead(all, arrival);
    const found = all.filter((source) => secretsFoundIn(source)).length;
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(200);
    // Those found come first: the order the thread lints them in.
    expect(all.slice(0, found).every((source) => secretsFoundIn(source))).toBe(true);
  });
});

describe('lintFile: secrets and personal data as the file reads, where they are written', () => {
  // Assembled at run time, so this file does not itself look like it holds a key.
  const key = ['AK', 'IA', 'QWERTYUIOPLKJHGF'].join('');
  const settings = settingsSchema.parse({});
  const lint = async (text: string, lintLevels: Settings['lint'] = {}) =>
    (await lintFile(readSource('a.mdx', text), undefined, { ...settings, lint: lintLevels }, [])).map((problem) => `${problem.line}:${problem.column} ${problem.field} [${problem.severity}: ${problem.rule}] ${problem.message.split(';')[0]}`);

  it.each([
    ['a \\x escape', `---\ntitle: Leak\nnotes: "\\x41${key.slice(1)}"\n---\n`, '3:'],
    ['a \\u escape', `---\ntitle: Leak\nwhys:\n  - "The key \\u0041${key.slice(1)} was in a log"\n---\n`, '4:'],
    ['a \\ line continuation', `---\ntitle: Leak\nnotes: "${key.slice(0, 8)}\\\n  ${key.slice(8)}"\n---\n`, '3:'],
    ['a decimal entity in the body', `---\ntitle: Leak\n---\n\nThe key\n&#65;${key.slice(1)} was pasted.\n`, '6:1 '],
    ['a hexadecimal entity in the body', `---\ntitle: Leak\n---\n\nThe key &#x41;&#x4b;${key.slice(2)} was pasted.\n`, '5:9 '],
  ])('finds a key written with %s', async (_, text, at) => {
    const problems = await lint(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${at.replace('.', '\\.')}.*\\[error: secret\\] holds what looks like an? AWS`));
    expect(problems[0]).not.toContain(key);
  });

  it('reports a secret found both as written and as read once', async () => {
    const text = `---\ntitle: Leak\nnotes: "An escaped \\"quote\\", then\n  ${key} here"\n---\n\nAnd &amp; ${key} again.\n`;
    expect((await lint(text)).map((problem) => problem.split(' ')[0])).toEqual(['4:3', '7:11']);
  });

  it('finds personal data written with an entity or an escape, as a warning at its line', async () => {
    const text = `---\ntitle: Contact\nnotes: "priya\\x40acme.io"\n---\n\nPaged tom&#64;acme.io and +44&nbsp;20 7946 0958.\n`;
    expect(await lint(text)).toEqual([
      "3:9 notes [warning: personal-data] holds what looks like a person's email address (priy…)",
      "6:7 body [warning: personal-data] holds what looks like a person's email address (tom@…)",
      "6:27 body [warning: personal-data] holds what looks like a person's phone number (+44\u00a0…)",
    ]);
  });

  it('follows settings.lint for personal data', async () => {
    const text = '---\ntitle: Contact\n---\n\nPaged priya.natarajan@acme.io, not support@acme.io or ops@example.com.\n';
    expect(await lint(text, { 'personal-data': 'off' })).toEqual([]);
    expect(await lint(text, { 'personal-data': 'error' })).toEqual(["5:7 body [error: personal-data] holds what looks like a person's email address (priy…)"]);
  });
});

describe('checkLibrary: settings.yaml', () => {
  const token = ['gh', 'p_', 'Kx7Qm2Rt9Wp4Zs6Hv1Nb8Jc3Ld5Kx7Qm2Rt9'].join('');
  let root: string;
  let saved: string | undefined;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hindsight-lint-'));
    mkdirSync(join(root, 'content/postmortems'), { recursive: true });
    saved = process.env.HINDSIGHT_NO_CACHE;
    process.env.HINDSIGHT_NO_CACHE = '1';
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    if (saved === undefined) delete process.env.HINDSIGHT_NO_CACHE;
    else process.env.HINDSIGHT_NO_CACHE = saved;
  });
  const check = async (settings: string) => {
    writeFileSync(join(root, 'content/settings.yaml'), settings);
    const result = await checkLibrary(join(root, 'content'), root, undefined, { helper: false });
    return result.problems.map((problem) => `${problem.file}:${problem.line}:${problem.column} ${problem.rule} ${problem.message}`);
  };

  it('is scanned for secrets, as written and as read', async () => {
    const other = token.replace('Kx7', 'Zq4');
    const problems = await check(`name: Acme\nrepository: https://github.com/acme/pm\n# ${other}\npeople: ["\\x67${token.slice(1)}"]\n`);
    expect(problems.map((problem) => problem.split(' ').slice(0, 2).join(' '))).toEqual(['content/settings.yaml:3:3 secret', 'content/settings.yaml:4:10 secret']);
    expect(problems.join('\n')).not.toMatch(/hp_(?:Kx7|Zq4)/);
  });

  it('is scanned when it is invalid, and its other messages do not quote the secret', async () => {
    const problems = await check(`name: Acme\nurl: ${token}\n`);
    expect(problems.some((problem) => problem.startsWith('content/settings.yaml:2:6 secret'))).toBe(true);
    expect(problems.join('\n')).not.toContain(token.slice(0, 8));
  });
});

describe('values cut short by a YAML comment (yaml-comment)', () => {
  const lint = async (frontmatter: string) =>
    (await lintFile(readSource('x.md', `---\n${frontmatter}\n---\n\nBody.\n`), undefined, settingsSchema.parse({}), []))
      .filter((problem) => problem.rule === 'yaml-comment')
      .map((problem) => `${problem.line}:${problem.column} ${problem.field}`);
  it.each([
    ['a # glued to a word after a title', 'title: Fix for issue #123', ['2:8 title']],
    ['in a list item', 'whys:\n  - Deploy #42 broke it', ['3:5 whys[0]']],
    ['a comment meant as one (a space after #)', 'title: Fix # the real title is above', []],
    ['a quoted value', 'title: "Fix for issue #123"', []],
    ['a # inside a block scalar', 'notes: |\n  see ticket #12\n  and #13', []],
    ['a comment on a line of its own', '# a comment\ntitle: Fix', []],
  ])('%s', async (_name, frontmatter, expected) => {
    expect(await lint(frontmatter)).toEqual(expected);
  });
});
