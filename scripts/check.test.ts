// `npm run check` and `npm run new` end to end: each test writes a small library into a temp folder,
// points HINDSIGHT_CONTENT at it and runs the real command in a child process on the pinned Node.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useLibraries } from '../tests/helpers/library.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const makeLibrary = useLibraries('check');

/** A content folder in a fresh temp directory: settings.yaml and files under postmortems/. */
const library = (files: Record<string, string>, settings = SETTINGS) => makeLibrary(files, settings);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a run: the library as content root, and a check cache of its own (the first
 * run in a library is cold, later ones reuse its results, so both paths are exercised).
 */
function environment(dir: string, env: Record<string, string>, drop: RegExp): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !drop.test(key)));
  return { ...clean, HINDSIGHT_CONTENT: dir, HINDSIGHT_CACHE_DIR: join(dir, '.cache'), NO_COLOR: '1', ...env };
}

/** Runs scripts/<script>.ts in the library folder (so paths print as postmortems/…). */
function run(script: 'check' | 'new', dir: string, args: string[] = [], env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', `${script}.ts`), ...args], {
    cwd: dir,
    env: environment(dir, env, /^HINDSIGHT_/),
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same through npm, as people and CI run it (paths then print relative to the project). */
function npm(script: 'check' | 'new', dir: string, args: string[] = [], env: Record<string, string> = {}): Run {
  const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: ROOT,
    env: environment(dir, env, /^(?:HINDSIGHT_|npm_)/),
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `file:line:col  field  [severity: rule]` of each problem line of the text output. */
function located(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => /^(\S+:\d+:\d+) {2}(\S+) {2}.* {2}\[(error|warning): ([a-z0-9-]+)\]$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => `${match[1]}  ${match[2]}  [${match[3]}: ${match[4]}]`);
}

const alnum = (length: number, offset = 0) => Array.from({ length }, (_, i) => 'Kx7Qm2Rt9Wp4Zs6Hv1Nb8Jc3Ld5'[(i + offset) % 27]).join('');
// Assembled at run time so that this file does not look like it holds a token.
const TOKEN = ['gh', 'p_', alnum(36)].join('');
const TOKEN_IN_RELATED = ['gh', 'p_', alnum(36, 11)].join('');

const SETTINGS = `name: Acme post-mortems
timezone: Europe/Berlin
industry: saas
people:
  - Priya Natarajan
  - Tom Becker
sev1MaxGapMinutes: 15
`;

const FACTORS = '{ monitoring: 1, testing: 2, documentation: 0, process: 1, knowledge-concentration: 0, capacity: 0, third-party: 0, communication: 0, change-management: 2, technical-debt: 1 }';

// A realistic clean library: a SEV-1 minute by minute across midnight, a SEV-2 in another zone
// with a folded multi-line why, and a draft. Its prose is full of things a careless linter would
// flag: failure verbs near names, "fault injection", a /blame/ URL, order ids, UUIDs, versions.
const CLEAN: Record<string, string> = {
  '2026/2026-02-02-eu-checkout-502-cdn-origin-pool.mdx': `---
title: EU checkout returned 502s after a CDN origin-pool change
id: INC-2026-001
severity: SEV-1
visibility: public
services: [checkout-api, cdn-edge]
teams: [platform, payments]
tags: [cdn, tls, rollback]
started: 2026-02-02T23:38:00+01:00
detected: 2026-02-02T23:42:00+01:00
resolved: 2026-02-03T00:47:00+01:00
reportCompleted: 2026-02-03T16:30:00+01:00
detection:
  method: monitoring
  notes: Checkout 5xx burn-rate alert (EU)
impact:
  usersAffected: 17800
  revenueLost: 38000
  slaBreached: true
  summary: Every EU checkout request failed for 62 minutes; other regions were unaffected.
timeline:
  - at: "23:38"
    event: Pipeline applies the origin-pool change to every EU edge location.
  - at: "23:42"
    event: Checkout burn-rate alert pages payments on-call.
    mark: alert
  - at: "23:45"
    event: Priya acknowledges and pages platform on-call; Tom joins.
    mark: notified
  - at: "23:55"
    event: Edge logs show a certificate name mismatch; the canary failed to promote but did not block the push.
    mark: investigating
  - at: "2026-02-03T00:04:00+01:00"
    event: Break-glass procedure found in the wiki.
  - at: "00:11"
    event: "Cause confirmed: the new load balancer presents a certificate for an internal hostname."
    mark: root-cause
  - at: "00:24"
    event: Revert applied; propagation begins.
    mark: fix-deployed
  - at: "00:38"
    event: EU checkout error rate below 0.5%.
  - at: "00:47"
    event: Checkout success rate at baseline; status page closed.
    mark: resolved
whys:
  - EU checkout requests failed because the edge rejected the new origin's TLS certificate.
  - >-
    The mismatch reached customers because the change applied to every edge at once,
    with no canary stage to catch the failing handshake.
  - There was no canary because staged rollouts were not supported by our CDN plan.
  - "Recovery took an hour because the revert needed two approvals at midnight."
  - The emergency path of the CDN pipeline was never specified or rehearsed.
rootCause:
  category: change-management
  summary: CDN changes reached every edge at once, with no tested emergency rollback
factors:
  monitoring: 0
  testing: { score: 2, notes: No pre-apply TLS handshake check }
  documentation: 2
  process: 2
  knowledge-concentration: { score: 2, notes: "Two people hold the CDN admin role" }
  capacity: 0
  third-party: 1
  communication: 1
  change-management: 3
  technical-debt: 1
wentWell:
  - The burn-rate alert paged four minutes after the change
  - Priya led the incident response and restored service
  - The status page was updated within 15 minutes
actions:
  - title: Pre-apply TLS handshake check for every new origin
    owner: platform-team
    deadline: 2026-02-04
    priority: P0
    status: done
    completed: 2026-02-04
    ticket: https://tracker.example.com/PLAT-1502
  - title: Emergency revert with one approver and a review the next morning
    owner: Priya Natarajan
    deadline: 2026-02-10
    priority: P1
    status: in-progress
  - title: Staged rollouts for origin and rule changes
    owner: Tom Becker
    deadline: 2026-03-06
    priority: P2
    status: open
prevention:
  monitoring: Per-region checkout 5xx alerts
  runbook: CDN break-glass runbook rewritten and linked from the alert
  tests: Pre-apply origin TLS check in the CDN pipeline
  architectureChange: { needed: true, rfc: https://docs.example.com/rfc/0044-cdn-staged-rollouts }
  training: null
cost:
  slaCredits: 9000
  engineeringHours: 58
---

## What happened

At 23:38 our pipeline pointed the EU checkout origin pool at a new load balancer. Within 90 seconds
the change was live at every EU edge location, and every EU checkout request failed. Tom noticed the
canary failed to promote and asked why the push had not stopped. **Priya** led the incident response
and restored service; Tom's runbook step was missing, so the team wrote it during the incident.

Customers saw a broken pipe error in the app, and the alert fired late for the APAC region because
its threshold was set for last year's traffic. This review is blameless: the job missed its window
because the queue was full, and the deploy failed to promote the canary by design.

## Details

| time | error rate | p99 latency |
|---|---|---|
| 23:40 | 100% | 2.4 s |
| 00:38 | 0.4% | 190 ms |

The fix keeps the old pool until the new one is healthy:

\`\`\`hcl
resource "cdn_origin_pool" "checkout_eu" {
  # not human error: Terraform replaced the pool in place
  lifecycle { create_before_destroy = true }
}
\`\`\`

Order 4000123412341235 and request 550e8400-e29b-41d4-a716-446655440000 (trace
\`4bf92f3577b34da6a3ce929d0e0e4736\`) confirmed the fix on 2026-02-03 with release v4.12.1; see
[the dashboard](https://grafana.example.com/d/checkout?from=now-6h) and
https://git.example.com/platform/cdn/blame/main/pools.tf for the history. We run fault injection
against fault-tolerant paths every quarter; the CDN vendor tracks it as case 4930 1234 5678 90.

## Lessons

- **Design the emergency path with the same care as the normal one.** Reverts need one approver.
- ~~Reviews catch everything~~ Review did not catch a certificate that fails only at handshake time.
`,
  '2026/2026-03-14-search-stale-after-reindex.mdx': `---
title: "Search: results went stale after a silent reindex failure"
id: INC-2026-002
severity: SEV-2
services: [search]
timezone: America/New_York
started: 2026-03-14T21:10:00-04:00
detected: 2026-03-14T22:40:00-04:00
resolved: 2026-03-15T01:05:00-04:00
reportCompleted: 2026-03-15T18:00:00-04:00
detection:
  method: customer-report
impact:
  usersAffected: 1200
  revenueLost: 0
  slaBreached: false
timeline:
  - at: "21:10"
    event: Nightly reindex fails on a mapping conflict; the job reports success.
  - at: "22:40"
    event: Support reports that new products do not show up in search.
    mark: alert
  - at: "2026-03-15T00:20:00-04:00"
    event: The mapping conflict is found in the indexer log.
    mark: root-cause
  - at: "01:05"
    event: Reindex completes with the fixed mapping.
    mark: resolved
whys:
  - Search showed stale results because the nightly reindex had failed.
  - >
    Nobody saw the failure because the job exits 0 on a mapping conflict,
    so no alert fired.
  - The exit code was never tested because the conflict path was thought impossible.
  - The mapping is edited by hand in two places.
  - There is no schema check in the indexer pipeline.
rootCause:
  category: monitoring
  summary: The reindex job reported success on failure
factors: ${FACTORS}
wentWell:
  - Support escalated within minutes of the second report
  - The fixed mapping was reviewed by two engineers
  - The reindex finished before the morning peak
actions:
  - title: Exit non-zero on mapping conflicts
    owner: search-team
    deadline: 2026-03-16
    priority: P0
    status: done
    completed: 2026-03-16
  - title: Alert when the index is older than 26 hours
    owner: search-team
    deadline: 2026-03-22
    priority: P1
    status: open
related: [INC-2026-001]
---

The reindex failed silently; see the timeline above.
`,
  '2026/2026-04-01-partner-launch-slipped.mdx': `---
title: Partner launch slipped by two weeks
id: INC-2026-003
kind: missed-deadline
severity: SEV-3
status: draft
services: [partner-api]
started: 2026-04-01T09:00:00+02:00
detected: 2026-04-01T09:00:00+02:00
detection:
  method: internal-discovery
impact:
  usersAffected: 0
  revenueLost: 0
  slaBreached: false
timeline:
  - at: "09:00"
    event: Launch review finds the sandbox certification incomplete.
  - at: "11:00"
    event: Partner informed of the new date.
whys:
  - The launch slipped because sandbox certification was not finished.
  - Certification started late because its checklist arrived a week before launch.
  - The checklist was not requested at kick-off.
  - The launch plan template has no partner certification step.
  - The template was written before we had partner integrations.
rootCause:
  category: process
  summary: Partner certification is not part of the launch plan template
factors: ${FACTORS}
wentWell:
  - The partner was told the same day
  - The new date was agreed within a week
  - Sandbox access arrived the next morning
---

Draft: to be completed after the retro.
`,
};

// Three files with hand-counted problems (line and column in the comments).
const A_TYPO = `---
title: Search results went stale after a silent reindex failure
id: INC-2026-010
kind: incident
severity: SEV-5
services: [search]
started: 2026-03-10T09:00:00Z
detected: 2026-03-10T09:10:00Z
resolved: 2026-03-10T10:00:00Z
detection:
  method: internal-discovery
impact:
  usersAffected: 0
  revenueLost: 0
  slaBreached: false
timeline:
  - at: "09:00"
    event: Reindex job fails silently.
  - at: "10:00"
    event: Index rebuilt.
whys: [Stale results, Silent failure, No alert, No test, No owner]
rootCause: { category: monitoring, summary: No alert on reindex failures }
factors: ${FACTORS}
wentWell: [Support spotted it, Rollback was quick, Status page was clear]
---

## What happened

Renewal was manual, and Tom forgot to renew the certificate.
`;
// line 5, column 11: SEV-5 (not a severity)          line 29, column 25: "Tom forgot"

const B_WARNINGS = `---
title: Nightly export ran twice when clocks went back
id: INC-2026-011
severity: SEV-3
services: [data-warehouse]
started: 2026-03-10T09:00:00Z
detected: 2026-03-10T09:10:00Z
resolved: 2026-03-10T10:00:00Z
reportCompleted: 2026-03-11T10:01:00Z
detection:
  method: monitoring
impact:
  usersAffected: 0
  revenueLost: 0
  slaBreached: false
timeline:
  - at: "09:00"
    event: Export run 2 starts.
  - at: "10:00"
    event: Duplicate marked.
whys:
  - The export ran twice because 02:30 happened twice.
  - >-
    The scheduler matched local wall-clock time, and the
    duplicate was first put down to human error.
  - The scheduler was written for UTC-only jobs.
  - Moving the export to local time was treated as configuration.
rootCause: { category: technical-debt, summary: A UTC-only scheduler ran a local-time job }
factors: ${FACTORS}
wentWell: [Alert fired, Support escalated, Billing verified charges]
actions:
  - title: Skip repeated local times in the scheduler
    owner: data-platform
    deadline: 2026-04-30
    priority: P1
    status: open
---

The export ran twice; nobody is to blame.
`;
// line 9, column 18: reportCompleted value (24 h 1 min after resolved)    line 21, column 1: whys (4)
// line 25, column 37: "human error", on the second line of a folded why   line 34, column 15: P1 deadline

const C_SECRET = `---
title: Deploy token pasted into the incident channel
id: INC-2026-012
severity: SEV-2
services: [ci]
started: 2026-03-10T09:00:00Z
detected: 2026-03-10T09:10:00Z
resolved: 2026-03-10T10:00:00Z
detection:
  method: internal-discovery
impact:
  usersAffected: 0
  revenueLost: 0
  slaBreached: false
timeline:
  - at: "09:00"
    event: A deploy step printed ${TOKEN} to the job log.
  - at: "10:00"
    event: Token revoked and rotated.
whys: [Token printed, Debug flag on, Flag default, No review, No scanner]
rootCause: { category: process, summary: Debug logging of secrets was on by default }
factors: ${FACTORS}
wentWell: [Rotation took minutes, Log retention was short, Audit showed no use]
related: [${TOKEN_IN_RELATED}]
---

## What happened

The deploy job retried {retries: 3} times before giving up.
`;
// line 17, column 34: the token     line 24, column 11: the token pasted as an id (an error, twice)
// line 29, column 32: the MDX expression acorn cannot parse

const PROBLEMS = { 'a-typo.mdx': A_TYPO, 'b-warnings.mdx': B_WARNINGS, 'c-secret.mdx': C_SECRET };

const EXPECTED = [
  'postmortems/a-typo.mdx:5:11  severity  [error: schema]',
  'postmortems/a-typo.mdx:29:25  body  [warning: blame-person]',
  'postmortems/b-warnings.mdx:9:18  reportCompleted  [warning: summary-late]',
  'postmortems/b-warnings.mdx:21:1  whys  [warning: whys-count]',
  'postmortems/b-warnings.mdx:25:37  whys[1]  [warning: blame-phrase]',
  'postmortems/b-warnings.mdx:34:15  actions[0].deadline  [warning: action-deadline]',
  'postmortems/c-secret.mdx:17:34  timeline[0].event  [error: secret]',
  'postmortems/c-secret.mdx:24:11  related[0]  [error: reference]',
  'postmortems/c-secret.mdx:24:11  related[0]  [error: secret]',
  'postmortems/c-secret.mdx:29:32  body  [error: mdx-syntax]',
];

describe('npm run check', () => {
  it('passes a clean, realistic library without a single false alarm', () => {
    const dir = library(CLEAN);
    const result = run('check', dir, ['--strict']);
    expect(result.stdout).toBe('3 post-mortems checked: 0 errors, 0 warnings\n');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('reports every problem of every file at its exact line and column, and exits 1', () => {
    const result = run('check', library(PROBLEMS));
    expect(located(result.stdout)).toEqual(EXPECTED);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('3 post-mortems checked: 5 errors, 5 warnings');
    expect(result.code).toBe(1);
  });

  it('writes messages a person can act on', () => {
    const lines = run('check', library(PROBLEMS)).stdout.split('\n');
    expect(lines).toContain(
      'postmortems/b-warnings.mdx:34:15  actions[0].deadline  P1 actions are due within 7 days of resolution (2026-03-17); this one is due 2026-04-30 — bring the deadline forward, or lower the priority if it can wait  [warning: action-deadline]',
    );
    expect(lines).toContain('postmortems/b-warnings.mdx:9:18  reportCompleted  is 24 h 1 min after resolved; the summary is due within 24 hours of resolution  [warning: summary-late]');
    expect(lines.find((line) => line.includes('[warning: blame-person]'))).toMatch(/"Tom forgot" names a person as the one who failed; rewrite it as a process gap/);
    expect(lines.find((line) => line.includes('[error: mdx-syntax]'))).toMatch(/body {2}is not valid MDX: Could not parse expression: Expected .*; .*\\\{/);
    expect(lines.find((line) => line.includes('[error: schema]'))).toBe('postmortems/a-typo.mdx:5:11  severity  "SEV-5" is not allowed; use one of: SEV-1, SEV-2, SEV-3  [error: schema]');
  });

  it('never prints a secret beyond its first 4 characters, in any format', () => {
    const dir = library(PROBLEMS);
    for (const format of ['text', 'github', 'json']) {
      const result = run('check', dir, ['--format', format]);
      for (const secret of [TOKEN, TOKEN_IN_RELATED]) {
        expect(result.stdout).not.toContain(secret.slice(0, 5));
        expect(result.stderr).not.toContain(secret.slice(0, 5));
      }
      expect(result.stdout).toContain('ghp_…');
    }
    const lines = run('check', dir).stdout.split('\n');
    expect(lines.find((line) => line.includes('17:34'))).toMatch(/holds what looks like a GitHub token \(ghp_…\); remove it/);
    expect(lines.find((line) => line.includes('[error: reference]'))).toMatch(/related\[0\] {2}"ghp_…" is not the id of any post-mortem/);
  });

  it('exits 0 on warnings alone, and 1 with --strict', () => {
    const dir = library({ 'b-warnings.mdx': B_WARNINGS });
    const relaxed = run('check', dir);
    expect(relaxed.stdout.trimEnd().split('\n').at(-1)).toBe('1 post-mortem checked: 0 errors, 4 warnings');
    expect(relaxed.code).toBe(0);
    expect(run('check', dir, ['--strict']).code).toBe(1);
  });

  it('runs the same through npm, exit code included', () => {
    const dir = library({ 'b-warnings.mdx': B_WARNINGS });
    const strict = npm('check', dir, ['--strict']);
    expect(strict.stdout).toContain('1 post-mortem checked: 0 errors, 4 warnings');
    expect(strict.code).toBe(1);
    expect(npm('check', dir).code).toBe(0);
  });

  it('prints GitHub workflow annotations with --format github', () => {
    const result = run('check', library(PROBLEMS), ['--format', 'github']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(EXPECTED.length + 1);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^:]+::\S/);
    expect(lines[0]).toBe('::error file=postmortems/a-typo.mdx,line=5,col=11,title=schema%3A severity::severity  "SEV-5" is not allowed; use one of: SEV-1, SEV-2, SEV-3');
    expect(lines[1]).toMatch(/^::warning file=postmortems\/a-typo\.mdx,line=29,col=25,title=blame-person%3A body::body {2}"Tom forgot"/);
    expect(lines[5]).toMatch(/^::warning file=postmortems\/b-warnings\.mdx,line=34,col=15,title=action-deadline%3A actions\[0\]\.deadline::/);
    expect(lines.at(-1)).toBe('3 post-mortems checked: 5 errors, 5 warnings');
    expect(result.code).toBe(1);
  });

  it('prints JSON with --format json', () => {
    const result = run('check', library(PROBLEMS), ['--format', 'json']);
    const report = JSON.parse(result.stdout) as { files: number; errors: number; warnings: number; problems: Record<string, unknown>[] };
    expect(report).toMatchObject({ files: 3, errors: 5, warnings: 5 });
    expect(report.problems.map((p) => `${p.file}:${p.line}:${p.column}  ${p.field}  [${p.severity}: ${p.rule}]`)).toEqual(EXPECTED);
    expect(Object.keys(report.problems[0]).sort()).toEqual(['column', 'field', 'file', 'line', 'message', 'rule', 'severity']);
    expect(result.code).toBe(1);
  });

  it('follows settings.lint: off drops a rule, error raises it', () => {
    const settings = `${SETTINGS}lint:\n  whys-count: off\n  blame-person: error\n`;
    const result = run('check', library(PROBLEMS, settings));
    const expected = EXPECTED.filter((line) => !line.includes('whys-count')).map((line) => line.replace('[warning: blame-person]', '[error: blame-person]'));
    expect(located(result.stdout)).toEqual(expected);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('3 post-mortems checked: 6 errors, 3 warnings');
  });

  it('reports only the files named on the command line, reading the rest for ids', () => {
    // d-refers names INC-2026-012, the id of c-secret.mdx, which is not named but still read.
    const refers = B_WARNINGS.replace('id: INC-2026-011', 'id: INC-2026-013').replace('---\n\nThe export', 'related: [INC-2026-012]\n---\n\nThe export');
    const dir = library({ ...PROBLEMS, 'd-refers.mdx': refers });
    const result = run('check', dir, ['postmortems/b-warnings.mdx', 'postmortems/d-refers.mdx']);
    const warnings = EXPECTED.filter((line) => line.startsWith('postmortems/b-warnings.mdx'));
    expect(located(result.stdout)).toEqual([...warnings, ...warnings.map((line) => line.replace('b-warnings', 'd-refers'))]);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('2 post-mortems checked: 0 errors, 8 warnings');
    expect(result.code).toBe(0);
    expect(run('check', dir, ['postmortems/c-secret.mdx']).stdout.trimEnd().split('\n').at(-1)).toBe('1 post-mortem checked: 4 errors, 0 warnings');
  });

  it('exits 2 on a file that does not exist, and on a bad option', () => {
    const dir = library(CLEAN);
    const missing = run('check', dir, ['postmortems/nope.mdx']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('check: no such file: postmortems/nope.mdx');
    expect(missing.stdout).toBe('');
    const format = run('check', dir, ['--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be text, github or json');
  });
});

describe('npm run new', () => {
  const NOW = { HINDSIGHT_NOW: '2026-03-14T09:12:00+01:00' };
  /** The clean SEV-1 with another id; invalid: with a severity the schema refuses. */
  const existing = (id: string, valid = true) => {
    const text = CLEAN['2026/2026-02-02-eu-checkout-502-cdn-origin-pool.mdx'].replace('id: INC-2026-001', `id: ${id}`);
    return valid ? text : text.replace('severity: SEV-1', 'severity: SEV-9');
  };

  it('scaffolds a post-mortem that passes check, with the next free id', () => {
    const dir = library({ '2026/2026-02-02-eu-checkout-502-cdn-origin-pool.mdx': existing('INC-2026-001') });
    const created = npm('new', dir, ['EU checkout 502s after a CDN push', '--severity', 'SEV-1', '--service', 'checkout-api'], NOW);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const file = join(dir, 'postmortems/2026/2026-03-14-eu-checkout-502s-after-a-cdn-push.mdx');
    expect(created.stdout).toContain('2026-03-14-eu-checkout-502s-after-a-cdn-push.mdx (INC-2026-002, status: draft)');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^id: INC-2026-002$/m);
    expect(text).toMatch(/^title: "EU checkout 502s after a CDN push"$/m);
    expect(text).toMatch(/^started: 2026-03-14T09:12:00\+01:00$/m);

    const check = run('check', dir, ['--strict']);
    expect(check.stdout).toBe('2 post-mortems checked: 0 errors, 0 warnings\n');
    expect(check.code).toBe(0);
  });

  it('refuses to overwrite: a second run with the same title exits 2 and leaves the file alone', () => {
    const dir = library({});
    expect(run('new', dir, ['Partner launch slipped'], NOW).code).toBe(0);
    const file = join(dir, 'postmortems/2026/2026-03-14-partner-launch-slipped.mdx');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nEdited by hand.\n`);
    const [before, mtime] = [readFileSync(file, 'utf8'), statSync(file).mtimeMs];
    const again = run('new', dir, ['Partner launch slipped'], NOW);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('postmortems/2026/2026-03-14-partner-launch-slipped.mdx already exists');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(readdirSync(join(dir, 'postmortems/2026'))).toEqual(['2026-03-14-partner-launch-slipped.mdx']);
  });

  it('never reuses an id, even one held by a file with errors or only by a file name', () => {
    const dir = library({
      '2026/a.mdx': existing('INC-2026-001'),
      '2026/b.mdx': existing('INC-2026-002', false),
      '2026/INC-2026-003.mdx': existing('INC-2026-001').replace(/^id: .*\n/m, ''),
      // Ids are unique ignoring case.
      '2026/d.mdx': existing('inc-2026-004'),
    });
    const created = run('new', dir, ['Another one'], NOW);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('(INC-2026-005, status: draft)');
  });
});
