import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateFile, validateLibrary } from './validate.ts';
import { lintFile } from './lint.ts';
import { formatProblem, type Problem } from './problem.ts';
import { YAML_LIMITS } from './source.ts';
import { settingsSchema } from '../schemas/settings.ts';

/*
 * What a broken or hostile post-mortem gets: one located problem per mistake, quickly, and never a
 * crash. "Today" is HINDSIGHT_NOW, fixed here at 2026-11-27, so dates may run to 2027-11-27 and
 * action deadlines to 2031-11-27.
 */

const FILE = 'content/postmortems/2026/edge.mdx';
const settings = settingsSchema.parse({});

beforeEach(() => vi.stubEnv('HINDSIGHT_NOW', '2026-11-27'));
afterEach(() => vi.unstubAllEnvs());

/** A valid post-mortem; the comment on each line is its line in the file. */
const BASE = [
  '---', // 1
  'title: Edge cache served stale prices', // 2
  'id: INC-7', // 3
  'severity: SEV-2', // 4
  'services: [edge-cache]', // 5
  'started: 2026-03-14T09:00:00Z', // 6
  'detected: 2026-03-14T09:05:00Z', // 7
  'resolved: 2026-03-14T10:00:00Z', // 8
  'detection: { method: monitoring }', // 9
  'impact:', // 10
  '  usersAffected: 1200', // 11
  '  revenueLost: 3000', // 12
  '  slaBreached: false', // 13
  'timeline:', // 14
  '  - at: "09:00"', // 15
  '    event: Purge job stalls', // 16
  '  - at: "10:00"', // 17
  '    event: Purge re-run', // 18
  'whys: [one, two, three, four, five]', // 19
  'rootCause: { category: process, summary: No purge alert }', // 20
  'factors: { monitoring: 1, testing: 0, documentation: 0, process: 2, knowledge-concentration: 0, capacity: 0, third-party: 0, communication: 0, change-management: 0, technical-debt: 0 }', // 21
  'wentWell: [Rollback, Paging, Status page]', // 22
  'actions:', // 23
  '  - title: Alert on stalled purges', // 24
  '    owner: edge-team', // 25
  '    deadline: 2026-03-21', // 26
  '    priority: P1', // 27
  '    status: open', // 28
  'cost:', // 29
  '  engineeringHours: 12', // 30
  '---', // 31
  '',
  'Body.',
  '',
];

/** The base with lines replaced: each key the exact text of a line, its value the new text (null deletes it). */
function postmortem(edits: Record<string, string | null> = {}): string {
  const lines = [...BASE];
  for (const [line, replacement] of Object.entries(edits)) {
    const index = lines.indexOf(line);
    if (index < 0) throw new Error(`test helper: no line ${line}`);
    lines.splice(index, 1, ...(replacement === null ? [] : [replacement]));
  }
  return lines.join('\n');
}

/** The problems of one file, timed: nothing here may take more than a couple of seconds. */
function problemsOf(text: string, file = FILE): Problem[] {
  const start = performance.now();
  const result = validateFile(file, text, settings);
  expect(performance.now() - start).toBeLessThan(2000);
  return result.problems;
}

function expectOne(problems: Problem[], want: { line: number; field: string; rule: string; says: RegExp[] }): void {
  const text = problems.map(formatProblem).join('\n');
  expect(problems, text).toHaveLength(1);
  expect(problems[0], text).toMatchObject({ file: FILE, line: want.line, field: want.field, rule: want.rule, severity: 'error' });
  for (const phrase of want.says) expect(problems[0].message).toMatch(phrase);
}

it('the base post-mortem is valid', () => {
  expect(problemsOf(postmortem()).map(formatProblem)).toEqual([]);
});

describe('frontmatter that is not a mapping: one schema error at its line', () => {
  it.each([
    ['a list', '- title: A\n- severity: SEV-1', 2, /it holds a list/],
    ['a text', 'Edge cache served stale prices', 2, /it holds a text \("Edge cache served stale prices"\)/],
    ['a number', '42', 2, /it holds a number \(42\)/],
    ['a boolean', 'true', 2, /it holds a boolean \(true\)/],
    ['null', 'null', 2, /it holds nothing/],
    ['only a comment', '# to do', 1, /it holds nothing/],
  ])('%s', (_, yaml, line, says) => {
    expectOne(problemsOf(`---\n${yaml}\n---\nBody.\n`), { line, field: '(frontmatter)', rule: 'schema', says: [/must be a mapping of fields/, /title: /, says] });
  });
});

describe('a frontmatter block that is not where it must be', () => {
  it.each([
    ['blank lines above the opening ---', `\n\n${postmortem()}`, /the opening --- must be the very first line; remove the blank lines/],
    ['spaces before the opening ---', `  ${postmortem()}`, /the opening --- must be the very first line/],
    ['no closing ---', postmortem().replace('\n---\n\nBody.', '\n\nBody.'), /never closed; end the fields with a line holding only ---/],
  ])('%s', (_, text, says) => {
    expectOne(problemsOf(text), { line: 1, field: '(frontmatter)', rule: 'schema', says: [/has no frontmatter/, says] });
  });

  it('accepts a byte-order mark before it, as Astro does', () => {
    expect(problemsOf(`\uFEFF${postmortem()}`).map(formatProblem)).toEqual([]);
  });

  it('reads an empty block as an empty frontmatter', () => {
    expectOne(problemsOf('---\n---\nBody.\n'), { line: 1, field: '(frontmatter)', rule: 'schema', says: [/must be a mapping of fields/, /it holds nothing/] });
  });
});

describe('frontmatter beyond the limits of YAML_LIMITS: one yaml error, quickly', () => {
  /** Nested anchors, each list 9 aliases of the one before: 9^depth strings once expanded. */
  const laughs = (depth: number, at = 'tags') => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= depth; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push(`${at}: *a${depth}`);
    return lines.join('\n');
  };

  it.each([
    // Unknown keys and a known field (tags) alike: the expansion is refused before the schema reads it.
    ['billion laughs (9^10)', laughs(10)],
    ['billion laughs in a known field', laughs(12, 'whys')],
  ])('%s: refused at the first alias', (_, yaml) => {
    expectOne(problemsOf(`---\n${yaml}\n---\n`), { line: 3, field: '(yaml)', rule: 'yaml', says: [/aliases \(\*name\) that expand to more than 100 uses/, /write the values out/] });
  });

  it('refuses more than 100 uses of one alias', () => {
    const yaml = `title: &t Stale prices\nwhys: [${Array(150).fill('*t').join(', ')}]`;
    expectOne(problemsOf(`---\n${yaml}\n---\n`), { line: 3, field: '(yaml)', rule: 'yaml', says: [/expand to more than 100 uses/] });
  });

  it('accepts a few aliases, as before', () => {
    const text = postmortem({ 'wentWell: [Rollback, Paging, Status page]': 'wentWell: &good [Rollback, Paging, Status page]', '  engineeringHours: 12': '  engineeringHours: 12\nrelated: []' });
    expect(problemsOf(text).map(formatProblem)).toEqual([]);
  });

  it.each([
    ['flow lists 20,000 deep', `title: ${'['.repeat(20_000)}${']'.repeat(20_000)}`, 2],
    ['flow mappings 5,000 deep', `title: ${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}`, 2],
    ['block mappings 300 deep', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1', 2 + YAML_LIMITS.maxDepth],
    ['block lists on one line', `whys:\n  ${'- '.repeat(2_000)}x`, 3],
  ])('%s', (_, yaml, line) => {
    expectOne(problemsOf(`---\n${yaml}\n---\n`), { line, field: '(yaml)', rule: 'yaml', says: [/more than 64 levels deep/] });
  });

  it('accepts nesting up to the limit, and indented text in block scalars and quotes', () => {
    const deep = `${'['.repeat(60)}x${']'.repeat(60)}`;
    const text = postmortem({
      '  engineeringHours: 12': `  engineeringHours: 12\nprevention:\n  runbook: |\n${Array.from({ length: 200 }, (_, i) => `${' '.repeat(4 + i)}step ${i}`).join('\n')}\n  monitoring: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["`,
    });
    expect(problemsOf(text).map(formatProblem)).toEqual([]);
    // 60 levels of lists is no post-mortem, but not beyond the limits: the schema says what is wrong.
    const problems = problemsOf(postmortem({ 'title: Edge cache served stale prices': `title: ${deep}` }));
    expect(problems.map((p) => p.rule)).toEqual(['schema']);
  });

  it('refuses a frontmatter over 1 MB', () => {
    const text = postmortem({ 'title: Edge cache served stale prices': `title: Edge cache\nnotes: "${'x'.repeat(1_100_000)}"` });
    expectOne(problemsOf(text), { line: 2, field: '(yaml)', rule: 'yaml', says: [/is 1\.1 MB of YAML, more than the 1 MB allowed/, /into the body/] });
  });

  it('refuses the same in settings.yaml, and checks no post-mortem without settings', () => {
    const result = validateLibrary({ file: 'content/settings.yaml', text: laughs(10) }, [{ file: FILE, text: postmortem() }]);
    expect(result.problems).toMatchObject([{ file: 'content/settings.yaml', line: 2, field: '(yaml)', rule: 'yaml', message: expect.stringMatching(/^this file uses aliases/) }]);
  });
});

describe('money and counts: finite, 0 or more, at most the limits', () => {
  it.each([
    ['  revenueLost: 3000', '  revenueLost: .nan', 12, 'impact.revenueLost', [/must be a finite number, not \.nan/, /in digits/]],
    ['  revenueLost: 3000', '  revenueLost: .inf', 12, 'impact.revenueLost', [/not \.inf/]],
    ['  revenueLost: 3000', '  revenueLost: -.Inf', 12, 'impact.revenueLost', [/not -\.inf/]],
    ['  revenueLost: 3000', '  revenueLost: 1e13', 12, 'impact.revenueLost', [/at most 1,000,000,000,000 \(1e12\)/]],
    ['  revenueLost: 3000', '  revenueLost: -1', 12, 'impact.revenueLost', [/0 or more/]],
    ['  usersAffected: 1200', '  usersAffected: .NaN', 11, 'impact.usersAffected', [/not \.nan/]],
    ['  usersAffected: 1200', '  usersAffected: 20000000000', 11, 'impact.usersAffected', [/at most 10,000,000,000 people/]],
    ['  engineeringHours: 12', '  engineeringHours: 2e6', 30, 'cost.engineeringHours', [/at most 1,000,000 hours/]],
    ['  engineeringHours: 12', '  engineeringHours: .inf', 30, 'cost.engineeringHours', [/not \.inf/]],
    ['  engineeringHours: 12', '  engineeringHours: 12\n  loadedRate: 1e300', 31, 'cost.loadedRate', [/at most 1,000,000,000,000/]],
    ['  engineeringHours: 12', '  engineeringHours: 12\n  slaCredits: .nan', 31, 'cost.slaCredits', [/not \.nan/]],
    ['  engineeringHours: 12', '  engineeringHours: 12\n  churn: { probability: 0.5, ltv: .inf }', 31, 'cost.churn.ltv', [/not \.inf/]],
    ['  engineeringHours: 12', '  engineeringHours: 12\n  churn: { probability: .nan, ltv: 10 }', 31, 'cost.churn.probability', [/not \.nan/]],
  ])('%s → %s', (line, replacement, at, field, says) => {
    expectOne(problemsOf(postmortem({ [line]: replacement })), { line: at, field, rule: 'schema', says });
  });

  it('reads -0 as 0', () => {
    const result = validateFile(FILE, postmortem({ '  revenueLost: 3000': '  revenueLost: -0' }), settings);
    expect(result.problems).toEqual([]);
    expect(Object.is(result.value!.data.impact.revenueLost, 0)).toBe(true);
  });

  it('holds settings.loadedRate to the same limit', () => {
    const result = validateLibrary({ file: 'content/settings.yaml', text: 'loadedRate: .inf\n' }, []);
    expect(result.problems).toMatchObject([{ line: 1, field: 'loadedRate', message: expect.stringMatching(/not \.inf/) }]);
  });
});

describe('dates: from 1970-01-01 to a year after today (deadlines: 5 years)', () => {
  it.each([
    ['started: 2026-03-14T09:00:00Z', 'started: 1900-03-14T09:00:00Z', 6, 'started', /"1900-03-14T09:00:00Z" is outside the dates allowed, 1970-01-01 to 2027-11-27 \(a year after today, 2026-11-27\)/],
    ['started: 2026-03-14T09:00:00Z', 'started: 1969-12-31T23:59:00Z', 6, 'started', /1970-01-01 to 2027-11-27/],
    ['resolved: 2026-03-14T10:00:00Z', 'resolved: 9999-03-14T10:00:00Z', 8, 'resolved', /"9999-03-14T10:00:00Z" is outside/],
    ['resolved: 2026-03-14T10:00:00Z', 'resolved: 2027-11-28T10:00:00Z', 8, 'resolved', /outside the dates allowed/],
    ['resolved: 2026-03-14T10:00:00Z', 'resolved: 2026-03-14T10:00:00Z\nreportCompleted: 3026-03-14T10:00:00Z', 9, 'reportCompleted', /outside/],
    ['  - at: "10:00"', '  - at: "9999-03-14T10:00:00Z"', 17, 'timeline[1].at', /"9999-03-14T10:00:00Z" is outside the dates allowed/],
    ['    deadline: 2026-03-21', '    deadline: 2031-11-28', 26, 'actions[0].deadline', /"2031-11-28" is outside the dates allowed, 1970-01-01 to 2031-11-27 \(5 years after today, 2026-11-27\)/],
    ['    deadline: 2026-03-21', '    deadline: 1900-03-21', 26, 'actions[0].deadline', /outside/],
    ['    status: open', '    status: done\n    completed: 2030-01-01', 29, 'actions[0].completed', /1970-01-01 to 2027-11-27/],
    ['  engineeringHours: 12', '  engineeringHours: 12\nregulatory: { frameworks: [gdpr], discovered: 9999-01-01T00:00:00Z }', 31, 'regulatory.discovered', /outside/],
    ['  engineeringHours: 12', '  engineeringHours: 12\nregulatory: { frameworks: [gdpr], notified: { gdpr: 1900-01-01T00:00:00Z } }', 31, 'regulatory.notified.gdpr', /outside/],
  ])('%s → %s', (line, replacement, at, field, says) => {
    expectOne(problemsOf(postmortem({ [line]: replacement })), { line: at, field, rule: 'schema', says: [says, /check the year/] });
  });

  it('accepts the bounds themselves, and a deadline years ahead', () => {
    const text = postmortem({ 'resolved: 2026-03-14T10:00:00Z': 'resolved: 2027-11-27T23:59:00Z', '  - at: "10:00"': '  - at: "2027-11-27T23:00:00Z"', '    deadline: 2026-03-21': '    deadline: 2031-11-27' });
    expect(problemsOf(text).map(formatProblem)).toEqual([]);
    expect(problemsOf(postmortem({ 'started: 2026-03-14T09:00:00Z': 'started: 1970-01-01T09:00:00Z' })).map(formatProblem)).toEqual([]);
  });

  it('moves with HINDSIGHT_NOW', () => {
    vi.stubEnv('HINDSIGHT_NOW', '2025-06-10');
    expect(problemsOf(postmortem()).map((p) => p.field)).toEqual([]);
    vi.stubEnv('HINDSIGHT_NOW', '2024-01-10');
    // Every date of the base is more than a year after 2024-01-10: started is refused (the rest of the order then is not checked).
    expect(problemsOf(postmortem()).map((p) => p.field)).toEqual(['started', 'detected', 'resolved']);
  });
});

describe('ids, titles and other text', () => {
  it.each([
    ['id: INC-7', `id: ${'A'.repeat(101)}`, 3, 'id', [/at most 100 characters/]],
    ['id: INC-7', 'id: INC-7.', 3, 'id', [/must not end with "\."/]],
    ['id: INC-7', 'id: CON', 3, 'id', [/a name Windows keeps for a device/]],
    ['id: INC-7', 'id: nul.2026', 3, 'id', [/a name Windows keeps for a device/]],
    ['  engineeringHours: 12', '  engineeringHours: 12\nrelated: [Lpt1]', 31, 'related[0]', [/a name Windows keeps for a device/]],
    ['title: Edge cache served stale prices', 'title: "Edge cache\\nserved stale prices"', 2, 'title', [/must be one line/]],
    ['title: Edge cache served stale prices', 'title: "   "', 2, 'title', [/must not be blank/]],
    ['title: Edge cache served stale prices', 'title: ""', 2, 'title', [/must not be blank/]],
    ['title: Edge cache served stale prices', 'title: .nan', 2, 'title', [/must be a text, not \.nan/]],
    ['    event: Purge re-run', '    event: " "', 18, 'timeline[1].event', [/must say what happened/]],
    ['whys: [one, two, three, four, five]', 'whys: [one, two, "  ", four, five]', 19, 'whys[2]', [/must not be empty/]],
    ['    owner: edge-team', '    owner: " "', 25, 'actions[0].owner', [/needs an owner/]],
  ])('%s → %s', (line, replacement, at, field, says) => {
    expectOne(problemsOf(postmortem({ [line]: replacement })), { line: at, field, rule: 'schema', says });
  });

  it('trims the spaces around a title', () => {
    const result = validateFile(FILE, postmortem({ 'title: Edge cache served stale prices': 'title: "  Edge cache served stale prices "' }), settings);
    expect(result.value?.data.title).toBe('Edge cache served stale prices');
  });

  it.each([
    ['content/postmortems/2026/edge cache.mdx', /file name "edge cache", which must start with a letter or digit/],
    ['content/postmortems/2026/-edge.mdx', /file name "-edge"/],
    [`content/postmortems/2026/${'a'.repeat(101)}.mdx`, /must be at most 100 characters/],
    ['content/postmortems/2026/aux.mdx', /a name Windows keeps for a device/],
  ])('an id taken from the file name %s must be an id', (file, says) => {
    const problems = problemsOf(postmortem({ 'id: INC-7': null }), file);
    expect(problems).toMatchObject([{ file, line: 2, field: 'id', rule: 'schema', message: expect.stringMatching(says) }]);
    expect(problems[0].message).toMatch(/add an id: field .* or rename the file/);
  });

  it('accepts such a file name when the file has an id', () => {
    expect(problemsOf(postmortem(), 'content/postmortems/2026/edge cache.mdx')).toEqual([]);
  });
});

describe('rules across files', () => {
  const library = (files: Record<string, string>) => validateLibrary({ file: 'content/settings.yaml' }, Object.entries(files).map(([file, text]) => ({ file, text }))).problems;
  const other = (id: string, started: string, extra = '') =>
    postmortem({ 'id: INC-7': `id: ${id}`, 'started: 2026-03-14T09:00:00Z': `started: ${started}`, '  engineeringHours: 12': `  engineeringHours: 12${extra}` });

  it('refuses ids that differ only in capitals, naming the other file', () => {
    const problems = library({ 'a.mdx': other('INC-1', '2026-03-14T09:00:00Z'), 'b.mdx': other('inc-1', '2026-03-14T09:00:00Z') });
    expect(problems).toMatchObject([{ file: 'b.mdx', line: 3, field: 'id', rule: 'unique-id', message: expect.stringMatching(/"inc-1" differs from "INC-1", the id of a\.mdx, only in capitals; ids must be unique, ignoring case/) }]);
  });

  it('refuses file-name ids that differ only in capitals', () => {
    const problems = library({ 'x/Edge.mdx': postmortem({ 'id: INC-7': null }), 'y/edge.mdx': postmortem({ 'id: INC-7': null }) });
    expect(problems).toMatchObject([{ file: 'y/edge.mdx', rule: 'unique-id', message: expect.stringMatching(/x\/Edge\.mdx/) }]);
  });

  it('accepts repeatOf naming an earlier post-mortem', () => {
    expect(library({ 'a.mdx': other('INC-1', '2026-03-01T09:00:00Z'), 'b.mdx': other('INC-2', '2026-03-14T09:00:00Z', '\nrepeatOf: INC-1') })).toEqual([]);
  });

  it.each([
    ['a later one', '2026-03-14T09:00:00Z', '2026-03-01T09:00:00Z'],
    ['one that started at the same moment', '2026-03-14T09:00:00Z', '2026-03-14T10:00:00+01:00'],
  ])('refuses repeatOf naming %s', (_, first, second) => {
    const problems = library({ 'a.mdx': other('INC-1', first), 'b.mdx': other('INC-2', second, '\nrepeatOf: INC-1') });
    expect(problems).toMatchObject([{ file: 'b.mdx', line: 31, field: 'repeatOf', rule: 'reference', message: expect.stringMatching(/names "INC-1", which started .*, not before this one .*; repeatOf names the earlier post-mortem .* put repeatOf: INC-2 in a\.mdx instead/) }]);
  });

  it('refuses a cycle of repeats on the post-mortem that points forward', () => {
    const problems = library({
      'a.mdx': other('INC-1', '2026-03-01T09:00:00Z', '\nrepeatOf: INC-3'),
      'b.mdx': other('INC-2', '2026-03-05T09:00:00Z', '\nrepeatOf: INC-1'),
      'c.mdx': other('INC-3', '2026-03-10T09:00:00Z', '\nrepeatOf: INC-2'),
    });
    expect(problems.map((p) => `${p.file} ${p.field} ${p.rule}`)).toEqual(['a.mdx repeatOf reference']);
  });

  it('reports a self-reference in other capitals as a self-reference', () => {
    const problems = library({ 'a.mdx': other('INC-1', '2026-03-01T09:00:00Z', '\nrepeatOf: inc-1') });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual(['repeatOf: names this post-mortem itself ("inc-1"); name another post-mortem, the earlier post-mortem whose root cause this one repeats']);
  });

  it('reports a self-reference once', () => {
    const problems = library({ 'a.mdx': other('INC-1', '2026-03-01T09:00:00Z', '\nrepeatOf: INC-1\nrelated: [INC-1]') });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'related[0]: names this post-mortem itself ("INC-1"); list other post-mortems only',
      'repeatOf: names this post-mortem itself ("INC-1"); name another post-mortem, the earlier post-mortem whose root cause this one repeats',
    ]);
  });
});

describe('duplicate-related: a warning that settings.lint can switch', () => {
  const text = postmortem({ '  engineeringHours: 12': '  engineeringHours: 12\nrelated: [INC-1, INC-2, INC-1]\nrepeatOf: INC-1' });
  const lint = async (levels: Record<string, string>) => {
    const with_ = settingsSchema.parse({ lint: levels });
    const result = validateFile(FILE, text, with_);
    return (await lintFile(result.source, result.value, with_, [])).filter((problem) => problem.rule === 'duplicate-related');
  };

  it.each([
    [{}, ['warning']],
    [{ 'duplicate-related': 'error' }, ['error']],
    [{ 'duplicate-related': 'off' }, []],
  ])('with lint %j', async (levels, severities) => {
    const found = await lint(levels);
    expect(found.map((problem) => problem.severity)).toEqual(severities);
    if (found.length) expect(found[0]).toMatchObject({ line: 31, field: 'related[2]', message: 'lists "INC-1" again (it is related[0] already); remove this entry' });
  });
});
