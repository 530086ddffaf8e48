import { describe, expect, it } from 'vitest';
import { isMap, isScalar } from 'yaml';
import { alignValue, findSecretsAhead, redactSecretEchoes, secretsFoundIn } from './lint.ts';
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
