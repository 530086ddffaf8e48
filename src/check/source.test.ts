import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { beyondLimits, locate, nodeAt, position, readSource, readYamlFile, YAML_LIMITS } from './source.ts';

const frontmatter = (yaml: string) => readSource('x.mdx', `---\n${yaml}\n---\nBody.\n`);
const strict = (yaml: string) => parseDocument(yaml, { version: '1.2', schema: 'core', uniqueKeys: true, logLevel: 'error' });

describe('readSource: the data of a frontmatter is what YAML 1.2 core says', () => {
  // Each value as `yaml` reads it with the core schema; the fast reader must agree on all of them.
  it.each([
    ['null forms', 'a: ~\nb: null\nc: Null\nd: NULL\ne:', { a: null, b: null, c: null, d: null, e: null }],
    ['booleans of 1.2 only', 'a: true\nb: False\nc: TRUE\nd: yes\ne: no\nf: on\ng: y', { a: true, b: false, c: true, d: 'yes', e: 'no', f: 'on', g: 'y' }],
    ['integers', 'a: 42\nb: -7\nc: +3\nd: 007\ne: 0o17\nf: 0x1F\ng: 0b11\nh: 1_000', { a: 42, b: -7, c: 3, d: 7, e: 15, f: 31, g: '0b11', h: '1_000' }],
    ['floats', 'a: 1.5\nb: .5\nc: 1.\nd: 1e3\ne: -2.5E-2\nf: .inf\ng: -.Inf\nh: 1,5', { a: 1.5, b: 0.5, c: 1, d: 1000, e: -0.025, f: Infinity, g: -Infinity, h: '1,5' }],
    ['not a number', 'a: .nan', { a: NaN }],
    ['timestamps stay text as written', 'a: 2026-03-14T09:12:00+01:00\nb: 2026-03-14T09:12:00\nc: 2026-03-14\nd: 09:12\ne: 1:30', { a: '2026-03-14T09:12:00+01:00', b: '2026-03-14T09:12:00', c: '2026-03-14', d: '09:12', e: '1:30' }],
    ['quoted scalars are text', 'a: "42"\nb: \'true\'\nc: "null"', { a: '42', b: 'true', c: 'null' }],
    ['explicit tags', 'a: !!str 42\nb: !!int "7"', { a: '42', b: 7 }],
    ['folded and literal blocks', 'a: >-\n  one\n  two\nb: |\n  one\n  two\n', { a: 'one two', b: 'one\ntwo\n' }],
    ['multi-line plain and quoted values', 'a: one\n  two\nb: "three\n  four"', { a: 'one two', b: 'three four' }],
    ['anchors and aliases', 'a: &x { p: 1 }\nb: *x', { a: { p: 1 }, b: { p: 1 } }],
    ['merge keys are only keys in 1.2', 'a: &x { p: 1 }\nb: { <<: *x, q: 2 }', { a: { p: 1 }, b: { '<<': { p: 1 }, q: 2 } }],
    ['numeric keys become text keys', '404: not found\n1.5: x', { '404': 'not found', '1.5': 'x' }],
    ['CRLF line ends', 'a: one\r\nb: "x\r\n  y"', { a: 'one', b: 'x y' }],
    ['an empty frontmatter', '', null],
  ])('%s', (_, yaml, expected) => {
    const source = frontmatter(yaml);
    expect(source.yamlErrors).toEqual([]);
    expect(source.data ?? null).toEqual(expected);
    expect(strict(yaml).toJS()).toEqual(expected);
  });
});

describe('readSource: YAML errors come from the strict parser, with positions', () => {
  it.each([
    ['a colon in an unquoted value', 'title: Checkout: 502s', 'BLOCK_AS_IMPLICIT_KEY'],
    ['a key twice', 'id: A\nid: B', 'DUPLICATE_KEY'],
    ['an unclosed quote', 'title: "Checkout', 'MISSING_CHAR'],
    ['a tab as indentation', 'a:\n\tb: 1', 'TAB_AS_INDENT'],
  ])('%s', (_, yaml, code) => {
    const source = frontmatter(yaml);
    expect(source.data).toBeUndefined();
    expect(source.yamlErrors.map((error) => error.code)).toContain(code);
  });

  it('reports an alias without an anchor as an error at the alias, not as an exception', () => {
    const source = frontmatter('a: 1\nb: *nowhere');
    expect(source.data).toBeUndefined();
    expect(source.yamlErrors).toHaveLength(1);
    expect(source.yamlErrors[0]).toMatchObject({ code: 'BAD_ALIAS', pos: [8, 16] });
    expect(position(source, source.frontmatterOffset + source.yamlErrors[0].pos[0])).toEqual({ line: 3, column: 4 });
  });

  it('reads a quoted value continued on a less indented line as js-yaml (and Astro) do, where strict YAML refuses it', () => {
    // Astro reads frontmatter with js-yaml, which folds the line break; the strict parser ends the
    // value early. The lenient reading is what the author meant and what the site shows.
    const yaml = 'timeline:\n  - at: "09:25"\n    event: "Impact starts: ci-pipelin\ne served stale data"';
    expect(strict(yaml).errors.map((error) => error.code)).toContain('MISSING_CHAR');
    const source = frontmatter(yaml);
    expect(source.yamlErrors).toEqual([]);
    expect(source.data).toEqual({ timeline: [{ at: '09:25', event: 'Impact starts: ci-pipelin e served stale data' }] });
  });
});

describe('readSource: file shapes', () => {
  it('a file without a --- block has no frontmatter and is all body', () => {
    const source = readSource('x.mdx', '# Just prose\n');
    expect(source).toMatchObject({ frontmatter: undefined, data: undefined, doc: undefined, body: '# Just prose\n', bodyOffset: 0 });
    expect(source.yamlErrors).toEqual([]);
  });

  it('splits frontmatter and body at the closing fence, with offsets into the file', () => {
    const text = '---\ntitle: T\n---\n\nBody.\n';
    const source = readSource('x.mdx', text);
    expect(source.frontmatter).toBe('title: T');
    expect(text.slice(source.frontmatterOffset, source.frontmatterOffset + 5)).toBe('title');
    expect(source.body).toBe('\nBody.\n');
    expect(source.bodyOffset).toBe(17);
  });

  it('reads settings.yaml whole, the same way', () => {
    const source = readYamlFile('settings.yaml', 'timezone: Europe/Berlin\n');
    expect(source.data).toEqual({ timezone: 'Europe/Berlin' });
    expect(source.frontmatterOffset).toBe(0);
  });
});

describe('locate and nodeAt: positions of fields', () => {
  const text = '---\ntitle: T\nactions:\n  - title: A\n    owner: sre\n---\n';
  const source = readSource('x.mdx', text);

  it.each([
    [['title'], '2:8'],
    [['actions', 0, 'owner'], '5:12'],
    // A missing field points at the deepest one that exists.
    [['actions', 0, 'deadline'], '4:5'],
    [['actions', 3], '3:1'],
  ])('%j is at %s', (path, expected) => {
    const { line, column } = position(source, locate(source, path));
    expect(`${line}:${column}`).toBe(expected);
  });

  it('nodeAt finds the node of an exact path, and nothing for a missing one', () => {
    expect(nodeAt(source, ['actions', 0, 'owner'])?.range?.[0]).toBe(text.indexOf('sre') - source.frontmatterOffset);
    expect(nodeAt(source, ['actions', 0, 'deadline'])).toBeUndefined();
    expect(nodeAt(source, ['title', 'x'])).toBeUndefined();
  });
});

describe('beyondLimits: what no parser is given (YAML_LIMITS)', () => {
  const nested = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1';

  it.each([
    ['mappings nested to the limit', nested(YAML_LIMITS.maxDepth)],
    ['brackets, quotes and # inside quoted and plain text', 'title: "[[[[ {{{{"\nnote: it\'s [[[[ fine\nwhy: \'a \'\' [[[[\' # [[[['],
    ['text of a block scalar, however indented', `notes: |\n${Array.from({ length: 100 }, (_, i) => `${' '.repeat(2 + i)}[{`).join('\n')}\nnext: 1`],
    ['flow collections over several lines', 'a: [1,\n  [2, 3],\n  {b: [4]}]\nc: 5'],
    ['many brackets, none deep', `a: [${'[1], '.repeat(100)}{b: 2}]\nc: "${'[{'.repeat(50)}"`],
    ['unclosed brackets in plain text', Array.from({ length: 100 }, (_, i) => `k${i}: see [${i} and {notes`).join('\n')],
  ])('passes %s', (_, yaml) => {
    expect(beyondLimits(yaml)).toBeNull();
  });

  it.each([
    ['mappings nested one level too deep', nested(YAML_LIMITS.maxDepth + 1), 'TOO_DEEP'],
    ['lists of lists in brackets', `a: ${'['.repeat(100)}${']'.repeat(100)}`, 'TOO_DEEP'],
    ['brackets across lines', `a:\n${Array.from({ length: 100 }, () => '  [').join('\n')}`, 'TOO_DEEP'],
    ['lists of lists on one line', `a:\n  ${'- '.repeat(100)}x`, 'TOO_DEEP'],
    ['more than a megabyte', `a: "${'x'.repeat(YAML_LIMITS.maxChars)}"`, 'TOO_LARGE'],
  ])('refuses %s', (_, yaml, code) => {
    expect(beyondLimits(yaml)?.code).toBe(code);
  });

  it('leaves both readers alone: no data, no document, one error', () => {
    const source = frontmatter(`a: ${'['.repeat(10_000)}`);
    expect(source.data).toBeUndefined();
    expect(source.doc).toBeUndefined();
    expect(source.yamlErrors.map((error) => error.code)).toEqual(['TOO_DEEP']);
  });

  it('lets the strict reader count aliases: the readers agree on a few, and refuse too many', () => {
    expect(frontmatter('a: &x [1, 2]\nb: [*x, *x]').data).toEqual({ a: [1, 2], b: [[1, 2], [1, 2]] });
    const source = frontmatter(`a: &x 1\nb: [${Array(101).fill('*x').join(', ')}]`);
    expect(source.data).toBeUndefined();
    expect(source.yamlErrors.map((error) => error.code)).toEqual(['TOO_MANY_ALIASES']);
  });
});

describe('position', () => {
  it('gives the line and column of every offset, CRLF and empty lines included', () => {
    const text = '---\na: 1\n\nbb: 2\r\nc\n---\nbody\nend';
    const source = readSource('x.mdx', text);
    for (let offset = 0; offset <= text.length; offset++) {
      const before = text.slice(0, offset);
      expect(position(source, offset), `offset ${offset}`).toEqual({ line: before.split('\n').length, column: offset - before.lastIndexOf('\n') });
    }
  });

  it('locates thousands of problems in a large file quickly', () => {
    const source = readSource('x.mdx', `---\n${'whys: x\n'.repeat(100_000)}---\n`);
    const start = performance.now();
    for (let offset = 0; offset < source.text.length; offset += 40) position(source, offset);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('tags: only those of the core schema', () => {
  it.each([
    ['a local tag', 'a: !foo bar', '!foo'],
    ['binary', 'a: !!binary aGVsbG8=', '!!binary'],
    ['a set', 'a: !!set { x }', '!!set'],
    ['a tag on a key', '!foo a: 1', '!foo'],
  ])('refuses %s (Astro\'s YAML reader throws on it)', (_, yaml, tag) => {
    const source = frontmatter(yaml);
    expect(source.data).toBeUndefined();
    expect(source.yamlErrors).toHaveLength(1);
    expect(source.yamlErrors[0]).toMatchObject({ code: 'TAG_RESOLVE_FAILED', message: `the tag ${tag} is not one of YAML's core schema` });
  });

  it.each([
    ['!!str 42', '42'],
    ['!!int "7"', 7],
    ['!<tag:yaml.org,2002:str> x', 'x'],
    ['! x', 'x'],
  ])('reads %s', (value, expected) => {
    expect(frontmatter(`a: ${value}`).data).toEqual({ a: expected });
  });
});
