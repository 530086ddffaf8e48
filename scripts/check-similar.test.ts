// `npm run check` on named files: the earlier post-mortems like them, and the possible-repeat
// warning — raised, silenced by a link either way, switched off in settings.lint — in text, JSON
// and GitHub formats; `npm run new` naming the likely matches of a title.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useLibraries } from '../tests/helpers/library.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const makeLibrary = useLibraries('check-similar');

function run(script: 'check' | 'new', dir: string, args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^HINDSIGHT_/.test(key)));
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', `${script}.ts`), ...args], {
    cwd: dir,
    env: { ...env, HINDSIGHT_CONTENT: dir, HINDSIGHT_CACHE_DIR: join(dir, '.cache'), HINDSIGHT_NOW: '2026-06-01', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const pm = (id: string, started: string, title: string, services: string, category: string, cause: string, narrative: string, extra = '') => `---
title: ${title}
id: ${id}
severity: SEV-2
services: [${services}]
started: ${started}T10:00:00Z
detected: ${started}T10:10:00Z
resolved: ${started}T11:00:00Z
imported: { from: notes.md, on: 2026-06-01 }
timeline:
  - { at: "10:00", event: It starts }
  - { at: "11:00", event: Resolved }
impact: { usersAffected: 100, revenueLost: 0, slaBreached: false }
rootCause: { category: ${category}, summary: ${cause} }
${extra}---
${narrative}
`;

const FIRST = pm('INC-1', '2026-01-05', 'KIAM certificate expired and pods lost their AWS credentials', 'kiam, orders-api', 'monitoring', 'The KIAM server certificate expired without an alert', 'The KIAM server certificate expired, so KIAM agents refused connections and pods lost their AWS credentials.');
const OTHER = pm('INC-3', '2026-02-05', 'Checkout latency rose during the summer sale as the database pool ran out', 'checkout-api', 'capacity', 'The connection pool was sized for normal traffic', 'Checkout slowed down as the connection pool of the primary database ran out.');
const again = (extra = '') => pm('INC-2', '2026-03-05', 'Pods lost AWS credentials when the KIAM certificate expired again', 'kiam, billing-api', 'monitoring', 'The KIAM certificate expired; the renewal job failed silently', 'KIAM agents refused the server after its certificate expired; pods lost their AWS credentials until it was renewed.', extra);

const library = (files: Record<string, string>, settings = 'name: T\ntimezone: UTC\n') => makeLibrary(files, settings);

describe('check on a named file: similar earlier post-mortems and possible-repeat', () => {
  it('lists the earlier post-mortems like it, with paths and scores, and warns of the unlinked one', () => {
    const dir = library({ 'a.md': FIRST, 'b.md': again(), 'c.md': OTHER });
    const result = run('check', dir, ['postmortems/b.md']);
    expect(result.stdout).toMatch(/^postmortems\/b\.md:2:8 {2}title {2}reads like INC-1 \("KIAM certificate expired and pods lost their AWS credentials", postmortems\/a\.md; similarity 0\.\d\d; shared: the words .*"certificate".*service kiam; root-cause category monitoring\), an earlier post-mortem it does not link; if this is the same failure again, add repeatOf: INC-1.* \[warning: possible-repeat\]$/m);
    expect(result.stdout).toMatch(/^postmortems\/b\.md: similar earlier post-mortems\n {2}0\.\d\d {2}INC-1 {2}postmortems\/a\.md {2}"KIAM certificate expired/m);
    // The unrelated one is not listed; nor is a later one (INC-1 is the earliest: nothing before it).
    expect(result.stdout).not.toContain('INC-3');
    expect(run('check', dir, ['postmortems/a.md']).stdout).toContain('postmortems/a.md: no earlier post-mortem is similar');
    // A warning fails only --strict.
    expect(result.code).toBe(0);
    expect(run('check', dir, ['--strict', 'postmortems/b.md']).code).toBe(1);
  });

  it.each([
    ['related in the later one', { 'a.md': FIRST, 'b.md': again('related: [INC-1]\n') }],
    ['repeatOf in the later one', { 'a.md': FIRST, 'b.md': again('repeatOf: INC-1\n') }],
    ['related in the earlier one', { 'a.md': FIRST.replace('---\nThe KIAM', 'related: [INC-2]\n---\nThe KIAM'), 'b.md': again() }],
  ])('is silenced by a link: %s, while the match is still listed', (_, files) => {
    const result = run('check', library({ ...files, 'c.md': OTHER }), ['postmortems/b.md']);
    expect(result.stdout).not.toContain('possible-repeat');
    expect(result.stdout).toMatch(/ {2}0\.\d\d {2}INC-1 {2}postmortems\/a\.md/);
  });

  it('is not raised for a match of another category and no shared service', () => {
    const unrelatedLabels = again().replace('services: [kiam, billing-api]', 'services: [billing-api]').replace('category: monitoring', 'category: process');
    const result = run('check', library({ 'a.md': FIRST, 'b.md': unrelatedLabels, 'c.md': OTHER }), ['postmortems/b.md']);
    expect(result.stdout).toContain('INC-1  postmortems/a.md');
    expect(result.stdout).not.toContain('possible-repeat');
  });

  it('follows settings.lint: off, or raised to an error', () => {
    const off = run('check', library({ 'a.md': FIRST, 'b.md': again(), 'c.md': OTHER }, 'name: T\ntimezone: UTC\nlint:\n  possible-repeat: off\n'), ['postmortems/b.md']);
    expect(off.stdout).not.toContain('possible-repeat');
    expect(off.stdout).toContain('INC-1  postmortems/a.md');
    const error = run('check', library({ 'a.md': FIRST, 'b.md': again(), 'c.md': OTHER }, 'name: T\ntimezone: UTC\nlint:\n  possible-repeat: error\n'), ['postmortems/b.md']);
    expect(error.stdout).toContain('[error: possible-repeat]');
    expect(error.code).toBe(1);
  });

  it('says it in GitHub annotations and in the JSON report; a whole-library check without --similar does not look', () => {
    const dir = library({ 'a.md': FIRST, 'b.md': again(), 'c.md': OTHER });
    const github = run('check', dir, ['--format', 'github', 'postmortems/b.md']).stdout;
    expect(github).toMatch(/^::warning file=postmortems\/b\.md,line=2,col=8,title=possible-repeat%3A title::title {2}reads like INC-1/m);
    expect(github).toMatch(/^::notice file=postmortems\/b\.md,line=1,col=1,title=similar earlier post-mortems::0\.\d\d {2}INC-1 {2}postmortems\/a\.md/m);
    const json = JSON.parse(run('check', dir, ['--format', 'json', 'postmortems/b.md']).stdout);
    expect(json.similar).toEqual([
      { file: 'postmortems/b.md', id: 'INC-2', similar: [expect.objectContaining({ id: 'INC-1', file: 'postmortems/a.md', title: 'KIAM certificate expired and pods lost their AWS credentials', started: '2026-01-05T10:00:00Z', services: ['kiam'], category: 'monitoring', score: expect.any(Number), terms: expect.arrayContaining(['kiam', 'certificate']) })] },
    ]);
    const whole = run('check', dir, []);
    expect(whole.stdout).not.toContain('possible-repeat');
    expect(whole.stdout).not.toContain('similar earlier');
    const similar = run('check', dir, ['--similar']);
    expect(similar.stdout).toContain('[warning: possible-repeat]');
    expect(similar.stdout).toContain('postmortems/a.md: no earlier post-mortem is similar');
  });
});

describe('new with a title', () => {
  it('names the post-mortems like it right away', () => {
    const dir = library({ 'a.md': FIRST, 'c.md': OTHER });
    const result = run('new', dir, ['KIAM certificate expired again', '--service', 'kiam']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Post-mortems like this one .*\n {2}0\.\d\d {2}INC-1 {2}postmortems\/a\.md {2}"KIAM certificate expired and pods lost their AWS credentials" {2}\(words .*"kiam".*; service kiam\)/);
    expect(result.stdout).not.toContain('INC-3');
    const unrelated = run('new', dir, ['Invoices emailed twice after daylight saving change']);
    expect(unrelated.stdout).not.toContain('Post-mortems like this one');
    expect(readFileSync(join(dir, 'settings.yaml'), 'utf8')).toContain('name: T');
  });
});
