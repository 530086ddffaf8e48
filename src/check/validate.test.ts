import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile, validateLibrary, validateSettings } from './validate.ts';
import { loadLibrary } from '../ingestion/load.ts';
import { formatProblem, type Problem } from './problem.ts';
import { settingsSchema } from '../schemas/settings.ts';

const FILE = 'content/postmortems/2026/cdn-push.mdx';
const SETTINGS = 'content/settings.yaml';

/**
 * A valid post-mortem; the number in front of each line is its line in the file, so the lines
 * asserted below can be counted by eye. Every line is unique, so a case can name the line it edits.
 */
const BASE = [
  /*  1 */ '---',
  /*  2 */ 'title: Checkout returned 502s after a CDN config push',
  /*  3 */ 'id: INC-100',
  /*  4 */ 'kind: incident',
  /*  5 */ 'severity: SEV-2',
  /*  6 */ 'status: published',
  /*  7 */ 'services: [checkout-api, cdn-edge]',
  /*  8 */ 'timezone: Europe/Berlin',
  /*  9 */ 'started: 2026-03-14T09:12:00+01:00',
  /* 10 */ 'detected: 2026-03-14T09:20:00+01:00',
  /* 11 */ 'resolved: 2026-03-14T11:42:00+01:00',
  /* 12 */ 'reportCompleted: 2026-03-15T08:00:00+01:00',
  /* 13 */ 'detection:',
  /* 14 */ '  method: monitoring',
  /* 15 */ 'impact:',
  /* 16 */ '  usersAffected: 48000',
  /* 17 */ '  revenueLost: 120000',
  /* 18 */ '  slaBreached: true',
  /* 19 */ 'timeline:',
  /* 20 */ '  - at: "09:12"',
  /* 21 */ '    event: CDN config push begins',
  /* 22 */ '  - at: "09:20"',
  /* 23 */ '    event: Checkout 5xx burn-rate alert fires',
  /* 24 */ '    mark: alert',
  /* 25 */ '  - at: "11:42"',
  /* 26 */ '    event: Rollback completes',
  /* 27 */ '    mark: resolved',
  /* 28 */ 'whys:',
  /* 29 */ '  - Checkout requests failed because the edge rejected the origin certificate',
  /* 30 */ '  - The pushed config named a certificate chain the edge did not have',
  /* 31 */ '  - The push reached every edge location at once',
  /* 32 */ '  - Config pushes have no canary stage',
  /* 33 */ '  - The rollout process for edge config has no owner',
  /* 34 */ 'rootCause:',
  /* 35 */ '  category: change-management',
  /* 36 */ '  summary: Config pushes reach every edge at once with no canary',
  /* 37 */ 'factors:',
  /* 38 */ '  monitoring: 2',
  /* 39 */ '  testing: { score: 3, notes: No staging check for cert chains }',
  /* 40 */ '  documentation: 0',
  /* 41 */ '  process: 1',
  /* 42 */ '  knowledge-concentration: 0',
  /* 43 */ '  capacity: 0',
  /* 44 */ '  third-party: 0',
  /* 45 */ '  communication: 1',
  /* 46 */ '  change-management: 3',
  /* 47 */ '  technical-debt: 1',
  /* 48 */ 'wentWell:',
  /* 49 */ '  - Alert fired within 8 minutes',
  /* 50 */ '  - Rollback runbook worked first time',
  /* 51 */ '  - Status page updated within 15 minutes',
  /* 52 */ 'actions:',
  /* 53 */ '  - title: Canary stage for CDN config pushes',
  /* 54 */ '    owner: payments-sre',
  /* 55 */ '    deadline: 2026-03-21',
  /* 56 */ '    priority: P1',
  /* 57 */ '    status: done',
  /* 58 */ '    completed: 2026-03-20',
  /* 59 */ '  - title: Cert-chain check in the staging pipeline',
  /* 60 */ '    owner: platform-team',
  /* 61 */ '    deadline: 2026-04-14',
  /* 62 */ '    priority: P2',
  /* 63 */ '    status: open',
  /* 64 */ 'regulatory:',
  /* 65 */ '  frameworks: [pci-dss]',
  /* 66 */ '  discovered: 2026-03-14T09:20:00+01:00',
  /* 67 */ '---',
  /* 68 */ '',
  /* 69 */ '## What happened',
  /* 70 */ '',
  /* 71 */ 'A config push reached every edge location at once and checkout failed for EU customers.',
  '',
];

/**
 * The base post-mortem with some lines changed: each key is the exact text of a base line, its
 * value the replacement (several lines joined with \n) or null to delete it. Unknown keys throw,
 * so a typo in a test cannot silently test the valid base instead.
 */
function postmortem(edits: Record<string, string | null> = {}): string {
  let lines = [...BASE];
  for (const [line, replacement] of Object.entries(edits)) {
    const index = lines.indexOf(line);
    if (index < 0 || lines.indexOf(line, index + 1) >= 0) throw new Error(`test helper: base line not found exactly once: ${line}`);
    lines = [...lines.slice(0, index), ...(replacement === null ? [] : replacement.split('\n')), ...lines.slice(index + 1)];
  }
  return lines.join('\n');
}

interface Files {
  settings?: string;
  /** Other post-mortem files of the library, by path. */
  others?: Record<string, string>;
}

function check(text: string, { settings, others = {} }: Files = {}): Problem[] {
  const files = [{ file: FILE, text }, ...Object.entries(others).map(([file, other]) => ({ file, text: other }))];
  return validateLibrary({ file: SETTINGS, text: settings }, files).problems;
}

interface Expected {
  file?: string;
  line: number;
  field: string;
  rule: string;
  /** What the message must say: what is wrong, and what would be right. */
  says: RegExp[];
}

function expectProblems(problems: Problem[], expected: Expected[]): void {
  const text = problems.map(formatProblem).join('\n');
  expect(problems, text).toHaveLength(expected.length);
  for (const want of expected) {
    const found = problems.find((p) => p.field === want.field && p.line === want.line && p.rule === want.rule && (p.file === (want.file ?? FILE)));
    expect(found, `no ${want.rule} problem at ${want.file ?? FILE}:${want.line} ${want.field} in:\n${text}`).toBeDefined();
    expect(found!.severity).toBe('error');
    for (const phrase of want.says) expect(found!.message).toMatch(phrase);
  }
}

describe('the base post-mortem of these tests', () => {
  it('is valid, so every case below fails only for the line it changes', () => {
    expect(check(postmortem())).toEqual([]);
  });
});

interface Case {
  name: string;
  edits: Record<string, string | null>;
  settings?: string;
  expected: Expected[];
}

describe('schema errors (docs/format.md#errors: missing, wrong type, outside its set, unknown key)', () => {
  const cases: Case[] = [
    // A missing top-level field has no line of its own: the problem points at the first field (line 2).
    { name: 'missing title', edits: { 'title: Checkout returned 502s after a CDN config push': null }, expected: [{ line: 2, field: 'title', rule: 'schema', says: [/is required/, /text/] }] },
    // zod reports a missing enum as invalid_value; the message must still say "required" and list the choices.
    { name: 'missing severity', edits: { 'severity: SEV-2': null }, expected: [{ line: 2, field: 'severity', rule: 'schema', says: [/is required/, /SEV-1, SEV-2, SEV-3/] }] },
    // A missing nested field points at its parent key, `detection:` on line 13.
    { name: 'missing detection.method', edits: { '  method: monitoring': '  notes: Burn-rate alert on checkout 5xx' }, expected: [{ line: 13, field: 'detection.method', rule: 'schema', says: [/is required/, /monitoring, customer-report, internal-discovery/] }] },
    // All ten factor keys are required; the parent `factors:` is on line 37.
    { name: 'missing factor', edits: { '  capacity: 0': null }, expected: [{ line: 37, field: 'factors.capacity', rule: 'schema', says: [/is required/, /score 0–3/] }] },
    // A word where a number belongs: line 16.
    { name: 'usersAffected not a number', edits: { '  usersAffected: 48000': '  usersAffected: many' }, expected: [{ line: 16, field: 'impact.usersAffected', rule: 'schema', says: [/"many"/, /number/] }] },
    // A fraction where a whole number belongs.
    { name: 'usersAffected not whole', edits: { '  usersAffected: 48000': '  usersAffected: 4.5' }, expected: [{ line: 16, field: 'impact.usersAffected', rule: 'schema', says: [/whole number/, /4\.5/] }] },
    // A quoted "yes" is text, not a boolean (YAML 1.2 has no yes/no booleans).
    { name: 'slaBreached not a boolean', edits: { '  slaBreached: true': '  slaBreached: "yes"' }, expected: [{ line: 18, field: 'impact.slaBreached', rule: 'schema', says: [/true or false/, /"yes"/] }] },
    // One service written without brackets is text, not a list.
    { name: 'services not a list', edits: { 'services: [checkout-api, cdn-edge]': 'services: checkout-api' }, expected: [{ line: 7, field: 'services', rule: 'schema', says: [/a list/, /"checkout-api"/] }] },
    { name: 'severity outside its set', edits: { 'severity: SEV-2': 'severity: SEV-4' }, expected: [{ line: 5, field: 'severity', rule: 'schema', says: [/"SEV-4" is not allowed/, /SEV-1, SEV-2, SEV-3/] }] },
    { name: 'kind outside its set', edits: { 'kind: incident': 'kind: outage' }, expected: [{ line: 4, field: 'kind', rule: 'schema', says: [/"outage" is not allowed/, /incident, missed-deadline, failed-launch, lost-deal, other/] }] },
    { name: 'status outside its set', edits: { 'status: published': 'status: final' }, expected: [{ line: 6, field: 'status', rule: 'schema', says: [/"final" is not allowed/, /draft, in-review, published/] }] },
    { name: 'detection method outside its set', edits: { '  method: monitoring': '  method: pager' }, expected: [{ line: 14, field: 'detection.method', rule: 'schema', says: [/"pager" is not allowed/, /monitoring, customer-report, internal-discovery/] }] },
    // The second action's priority is on line 62.
    { name: 'action priority outside its set', edits: { '    priority: P2': '    priority: P3' }, expected: [{ line: 62, field: 'actions[1].priority', rule: 'schema', says: [/"P3" is not allowed/, /P0, P1, P2/] }] },
    { name: 'action status outside its set', edits: { '    status: open': '    status: closed' }, expected: [{ line: 63, field: 'actions[1].status', rule: 'schema', says: [/"closed" is not allowed/, /open, in-progress, done, wont-do/] }] },
    // The second framework of the list on line 65.
    { name: 'framework outside its set', edits: { '  frameworks: [pci-dss]': '  frameworks: [pci-dss, iso-27001]' }, expected: [{ line: 65, field: 'regulatory.frameworks[1]', rule: 'schema', says: [/"iso-27001" is not allowed/, /hipaa, pci-dss, sox, soc2, osha, gdpr, sec-8k/] }] },
    { name: 'timeline mark outside its set', edits: { '    mark: alert': '    mark: paged' }, expected: [{ line: 24, field: 'timeline[1].mark', rule: 'schema', says: [/"paged" is not allowed/, /alert, notified, investigating, root-cause, fix-deployed, resolved/] }] },
    // Not one of the ten default categories (docs/format.md#settingsyaml).
    { name: 'rootCause.category outside the default set', edits: { '  category: change-management': '  category: bad-luck' }, expected: [{ line: 35, field: 'rootCause.category', rule: 'schema', says: [/"bad-luck" is not allowed/, /monitoring, testing,.*technical-debt/] }] },
    // With custom settings.categories, a default category is no longer allowed.
    {
      name: 'rootCause.category outside custom settings.categories',
      edits: {},
      settings: 'categories: [vendor, config-push]\n',
      expected: [{ line: 35, field: 'rootCause.category', rule: 'schema', says: [/"change-management" is not allowed/, /use one of: vendor, config-push$/] }],
    },
    // The typo is an unknown key (line 5, with a hint) and leaves severity missing (line 2).
    {
      name: 'unknown key severty',
      edits: { 'severity: SEV-2': 'severty: SEV-2' },
      expected: [
        { line: 5, field: 'severty', rule: 'schema', says: [/is not a known field/, /did you mean "severity"\?/] },
        { line: 2, field: 'severity', rule: 'schema', says: [/is required/, /SEV-1, SEV-2, SEV-3/] },
      ],
    },
    // An unknown key inside an action, inserted as line 61; nothing is close enough for a hint.
    { name: 'unknown key in an action', edits: { '    owner: platform-team': '    owner: platform-team\n    assignee: platform-team' }, expected: [{ line: 61, field: 'actions[1].assignee', rule: 'schema', says: [/is not a known field/, /remove it, or use one of: title, owner, deadline, priority, status, completed, ticket/] }] },
    // An unknown key must not hide the rules between fields: both are reported in one run.
    {
      name: 'unknown key and an out-of-order timeline together',
      edits: { 'severity: SEV-2': 'severity: SEV-2\nseverityNote: none', '  - at: "09:20"': '  - at: "09:05"' },
      expected: [
        { line: 6, field: 'severityNote', rule: 'schema', says: [/is not a known field/] },
        // Line 22 moved to 23 by the inserted line.
        { line: 23, field: 'timeline[1].at', rule: 'timeline-order', says: [/out of order/] },
      ],
    },
  ];

  it.each(cases)('$name', ({ edits, settings, expected }) => {
    expectProblems(check(postmortem(edits), { settings }), expected);
  });

  it('accepts a custom category listed in settings.categories', () => {
    // The same settings as the case above; the category the settings name passes.
    expect(check(postmortem({ '  category: change-management': '  category: config-push' }), { settings: 'categories: [vendor, config-push]\n' })).toEqual([]);
  });
});

describe('date-times without an offset (docs/format.md#types-used-below: offset or Z required)', () => {
  const cases: Case[] = [
    { name: 'started', edits: { 'started: 2026-03-14T09:12:00+01:00': 'started: 2026-03-14T09:12:00' }, expected: [{ line: 9, field: 'started', rule: 'date-offset', says: [/no UTC offset/, /2026-03-14T09:12:00\+01:00/] }] },
    { name: 'resolved', edits: { 'resolved: 2026-03-14T11:42:00+01:00': 'resolved: 2026-03-14T11:42' }, expected: [{ line: 11, field: 'resolved', rule: 'date-offset', says: [/no UTC offset/, /2026-03-14T11:42Z/] }] },
    { name: 'reportCompleted', edits: { 'reportCompleted: 2026-03-15T08:00:00+01:00': 'reportCompleted: 2026-03-15T08:00:00' }, expected: [{ line: 12, field: 'reportCompleted', rule: 'date-offset', says: [/no UTC offset/, /2026-03-15T08:00:00\+01:00/] }] },
    { name: 'regulatory.discovered', edits: { '  discovered: 2026-03-14T09:20:00+01:00': '  discovered: 2026-03-14T09:20:00' }, expected: [{ line: 66, field: 'regulatory.discovered', rule: 'date-offset', says: [/no UTC offset/, /2026-03-14T09:20:00\+01:00/] }] },
    // A full date-time in the timeline needs its offset too (line 22); the example offset is Berlin's in March.
    { name: 'full date-time timeline entry', edits: { '  - at: "09:20"': '  - at: "2026-03-14T09:20:00"' }, expected: [{ line: 22, field: 'timeline[1].at', rule: 'date-offset', says: [/"2026-03-14T09:20:00" has no UTC offset/, /"2026-03-14T09:20:00\+01:00"/] }] },
    // In summer Berlin is at +02:00, and the example says so.
    { name: 'full date-time timeline entry in summer', edits: { 'started: 2026-03-14T09:12:00+01:00': 'started: 2026-07-14T09:12:00+02:00', 'detected: 2026-03-14T09:20:00+01:00': 'detected: 2026-07-14T09:20:00+02:00', 'resolved: 2026-03-14T11:42:00+01:00': 'resolved: 2026-07-14T11:42:00+02:00', 'reportCompleted: 2026-03-15T08:00:00+01:00': null, '  - at: "09:20"': '  - at: "2026-07-14T09:20"' }, expected: [{ line: 21, field: 'timeline[1].at', rule: 'date-offset', says: [/has no UTC offset/, /"2026-07-14T09:20\+02:00"/] }] },
    // Not a missing offset but no date-time at all: a malformed value.
    { name: 'started not a date-time', edits: { 'started: 2026-03-14T09:12:00+01:00': 'started: yesterday' }, expected: [{ line: 9, field: 'started', rule: 'schema', says: [/"yesterday" is not a date-time/, /2026-03-14T09:12:00\+01:00/] }] },
  ];
  it.each(cases)('$name', ({ edits, expected }) => expectProblems(check(postmortem(edits)), expected));
});

describe('timeline entries that are not times (docs/format.md#timeline: HH:MM or a date-time with offset)', () => {
  it.each([
    // One digit for the hour.
    ['9:20'],
    // There is no 24:00; midnight is 00:00 of the next day.
    ['24:00'],
    // Minutes stop at 59.
    ['09:60'],
    // Not a real date.
    ['2026-03-32'],
  ])('"%s" is a problem on line 22', (at) => {
    expectProblems(check(postmortem({ '  - at: "09:20"': `  - at: "${at}"` })), [
      { line: 22, field: 'timeline[1].at', rule: 'timeline-order', says: [new RegExp(`"${at}" is neither a time HH:MM`), /e\.g\. "09:12"/] },
    ]);
  });
});

describe('order of the moments (docs/format.md#errors: started <= detected <= resolved, reportCompleted >= started)', () => {
  const cases: Case[] = [
    // 09:05 is seven minutes before the start at 09:12.
    { name: 'detected before started', edits: { 'detected: 2026-03-14T09:20:00+01:00': 'detected: 2026-03-14T09:05:00+01:00' }, expected: [{ line: 10, field: 'detected', rule: 'time-order', says: [/2026-03-14T09:05:00\+01:00\) is before started \(2026-03-14T09:12:00\+01:00/, /cannot precede/] }] },
    // Same instant written in another offset: 08:19Z is 09:19+01:00, one minute before detection at 09:20.
    { name: 'resolved before detected, other offset', edits: { 'resolved: 2026-03-14T11:42:00+01:00': 'resolved: 2026-03-14T08:19:00Z' }, expected: [{ line: 11, field: 'resolved', rule: 'time-order', says: [/is before detected/, /cannot precede detection/] }] },
    // Deleting line 11 leaves no line of its own: the first field, line 2.
    { name: 'resolved missing on a published post-mortem', edits: { 'resolved: 2026-03-14T11:42:00+01:00': null }, expected: [{ line: 2, field: 'resolved', rule: 'time-order', says: [/is required unless status is draft/, /resolved: 2026-03-14T09:20:00\+01:00/] }] },
    // Only `draft` may leave resolved out; in-review is ready to read, so it must say when it ended.
    { name: 'resolved missing on an in-review post-mortem', edits: { 'status: published': 'status: in-review', 'resolved: 2026-03-14T11:42:00+01:00': null }, expected: [{ line: 2, field: 'resolved', rule: 'time-order', says: [/is required unless status is draft/] }] },
    // 09:00 is before the 09:12 start.
    { name: 'reportCompleted before started', edits: { 'reportCompleted: 2026-03-15T08:00:00+01:00': 'reportCompleted: 2026-03-14T09:00:00+01:00' }, expected: [{ line: 12, field: 'reportCompleted', rule: 'time-order', says: [/is before started \(2026-03-14T09:12:00\+01:00\)/] }] },
  ];
  it.each(cases)('$name', ({ edits, expected }) => expectProblems(check(postmortem(edits)), expected));

  it('accepts a draft without resolved', () => {
    expect(check(postmortem({ 'status: published': 'status: draft', 'resolved: 2026-03-14T11:42:00+01:00': null }))).toEqual([]);
  });

  it('accepts detected equal to started (the first report is the start)', () => {
    expect(check(postmortem({ 'detected: 2026-03-14T09:20:00+01:00': 'detected: 2026-03-14T08:12:00Z' }))).toEqual([]);
  });
});

describe('timeline order (docs/format.md#timeline-times-hhmm-and-midnight)', () => {
  // An incident that starts at 23:50 Berlin time and ends at 00:30 the next day.
  const overMidnight = {
    'started: 2026-03-14T09:12:00+01:00': 'started: 2026-03-14T23:50:00+01:00',
    'detected: 2026-03-14T09:20:00+01:00': 'detected: 2026-03-14T23:55:00+01:00',
    'resolved: 2026-03-14T11:42:00+01:00': 'resolved: 2026-03-15T00:30:00+01:00',
    '  - at: "09:12"': '  - at: "23:50"',
    '  - at: "09:20"': '  - at: "23:55"',
  };

  it('reports an entry earlier than the one above it', () => {
    // 09:05 after 09:12 on the same day, line 22.
    expectProblems(check(postmortem({ '  - at: "09:20"': '  - at: "09:05"' })), [
      { line: 22, field: 'timeline[1].at', rule: 'timeline-order', says: [/is out of order: 2026-03-14 09:05 \(Europe\/Berlin\) comes before the entry above it \(2026-03-14 09:12\)/] },
    ]);
  });

  it('reports HH:MM after midnight without a full date-time, and says how to write it', () => {
    // "00:30" takes the date of "23:55" (2026-03-14), so it lands 23 h 25 min before it.
    expectProblems(check(postmortem({ ...overMidnight, '  - at: "11:42"': '  - at: "00:30"' })), [
      { line: 25, field: 'timeline[2].at', rule: 'timeline-order', says: [/out of order: 2026-03-14 00:30/, /after midnight/, /"2026-03-15T00:30:00\+01:00"/] },
    ]);
  });

  it('accepts the same timeline with the first entry after midnight written in full', () => {
    expect(check(postmortem({ ...overMidnight, '  - at: "11:42"': '  - at: "2026-03-15T00:30:00+01:00"' }))).toEqual([]);
  });

  it('accepts a full date-time in another offset that is in order', () => {
    // 08:30Z is 09:30 in Berlin, between 09:20 and 11:42.
    expect(check(postmortem({ '  - at: "09:20"': '  - at: "2026-03-14T08:30:00Z"' }))).toEqual([]);
  });
});

describe('action items (docs/format.md#actions: owner, deadline, priority, status; completed iff done)', () => {
  const cases: Case[] = [
    // The second action starts on line 59; a missing field points at it.
    { name: 'action without owner', edits: { '    owner: platform-team': null }, expected: [{ line: 59, field: 'actions[1].owner', rule: 'schema', says: [/is required/, /owner: payments-sre/] }] },
    { name: 'action with an empty owner', edits: { '    owner: platform-team': '    owner: ""' }, expected: [{ line: 60, field: 'actions[1].owner', rule: 'schema', says: [/needs an owner/, /found ""/] }] },
    { name: 'action without deadline', edits: { '    deadline: 2026-04-14': null }, expected: [{ line: 59, field: 'actions[1].deadline', rule: 'schema', says: [/is required/, /YYYY-MM-DD/] }] },
    // One problem, not also "not a real calendar date".
    { name: 'action deadline not a date', edits: { '    deadline: 2026-04-14': '    deadline: next week' }, expected: [{ line: 61, field: 'actions[1].deadline', rule: 'schema', says: [/YYYY-MM-DD/, /"next week"/] }] },
    // February 2026 has 28 days.
    { name: 'action deadline not a real date', edits: { '    deadline: 2026-04-14': '    deadline: 2026-02-30' }, expected: [{ line: 61, field: 'actions[1].deadline', rule: 'schema', says: [/is not a real calendar date/, /YYYY-MM-DD/] }] },
    { name: 'action without priority', edits: { '    priority: P2': null }, expected: [{ line: 59, field: 'actions[1].priority', rule: 'schema', says: [/is required/, /P0, P1, P2/] }] },
    { name: 'action without status', edits: { '    status: open': null }, expected: [{ line: 59, field: 'actions[1].status', rule: 'schema', says: [/is required/, /open, in-progress, done, wont-do/] }] },
    // Inserted after line 63, so on line 64.
    { name: 'completed on an open action', edits: { '    status: open': '    status: open\n    completed: 2026-03-20' }, expected: [{ line: 64, field: 'actions[1].completed', rule: 'action', says: [/only allowed when status is done \(this action is open\)/, /remove it or set status: done/] }] },
    // The first action (line 53) is done but no longer says when.
    { name: 'done without completed', edits: { '    completed: 2026-03-20': null }, expected: [{ line: 53, field: 'actions[0].completed', rule: 'action', says: [/is required when status is done/, /completed: \d{4}-\d{2}-\d{2}/] }] },
  ];
  it.each(cases)('$name', ({ edits, expected }) => expectProblems(check(postmortem(edits)), expected));
});

describe('rules across files (docs/format.md#errors: unique ids, related and repeatOf)', () => {
  const OTHER = 'content/postmortems/2025/dns-outage.mdx';
  // Started a day earlier: repeatOf must name an earlier post-mortem.
  const other = postmortem({ 'id: INC-100': 'id: INC-099', 'started: 2026-03-14T09:12:00+01:00': 'started: 2026-03-13T09:12:00+01:00' });
  // Inserted after line 66, so on line 67.
  const withField = (line: string) => ({ '  discovered: 2026-03-14T09:20:00+01:00': `  discovered: 2026-03-14T09:20:00+01:00\n${line}` });

  it('reports an id used by two files, on the second file, naming the first', () => {
    const problems = check(postmortem(), { others: { [OTHER]: postmortem() } });
    expectProblems(problems, [{ file: OTHER, line: 3, field: 'id', rule: 'unique-id', says: [/"INC-100" is already the id of content\/postmortems\/2026\/cdn-push\.mdx/, /must be unique/, /pick another/] }]);
  });

  it('names the first file for every later file with the same id', () => {
    const third = 'content/postmortems/2027/cdn-push-again.mdx';
    const problems = check(postmortem(), { others: { [OTHER]: postmortem(), [third]: postmortem() } });
    expectProblems(problems, [
      { file: OTHER, line: 3, field: 'id', rule: 'unique-id', says: [/already the id of content\/postmortems\/2026\/cdn-push\.mdx/] },
      { file: third, line: 3, field: 'id', rule: 'unique-id', says: [/already the id of content\/postmortems\/2026\/cdn-push\.mdx/] },
    ]);
  });

  it('reports two files whose default ids (file names) collide', () => {
    // Without `id`, both are "cdn-push"; the problem belongs to the file as a whole (line 2).
    const noId = postmortem({ 'id: INC-100': null });
    const problems = check(noId, { others: { 'content/postmortems/2025/cdn-push.mdx': noId } });
    expectProblems(problems, [{ file: 'content/postmortems/2025/cdn-push.mdx', line: 2, field: '', rule: 'unique-id', says: [/"cdn-push" is already the id of content\/postmortems\/2026\/cdn-push\.mdx/] }]);
  });

  const cases: (Case & { others?: Record<string, string> })[] = [
    { name: 'related naming a missing post-mortem', edits: withField('related: [INC-099, INC-404]'), others: { [OTHER]: other }, expected: [{ line: 67, field: 'related[1]', rule: 'reference', says: [/"INC-404" is not the id of any post-mortem/, /check the id/] }] },
    // A wrong case is a near miss worth naming.
    { name: 'repeatOf with the wrong case', edits: withField('repeatOf: inc-099'), others: { [OTHER]: other }, expected: [{ line: 67, field: 'repeatOf', rule: 'reference', says: [/"inc-099" is not the id of any post-mortem/, /did you mean "INC-099"\?/] }] },
    { name: 'repeatOf naming a missing post-mortem', edits: withField('repeatOf: INC-404'), expected: [{ line: 67, field: 'repeatOf', rule: 'reference', says: [/"INC-404" is not the id of any post-mortem/] }] },
    { name: 'related naming itself', edits: withField('related: [INC-100]'), expected: [{ line: 67, field: 'related[0]', rule: 'reference', says: [/names this post-mortem itself/, /other post-mortems/] }] },
    { name: 'repeatOf naming itself', edits: withField('repeatOf: INC-100'), expected: [{ line: 67, field: 'repeatOf', rule: 'reference', says: [/names this post-mortem itself/, /earlier post-mortem/] }] },
    // Without `id` the file name is the id; deleting line 3 puts the new line on 66.
    { name: 'repeatOf naming itself by file name', edits: { 'id: INC-100': null, ...withField('repeatOf: cdn-push') }, expected: [{ line: 66, field: 'repeatOf', rule: 'reference', says: [/names this post-mortem itself \("cdn-push"\)/, /name another post-mortem/] }] },
  ];
  it.each(cases)('$name', ({ edits, others, expected }) => expectProblems(check(postmortem(edits), { others }), expected));

  it('accepts related and repeatOf naming another post-mortem, by id or by file name', () => {
    const noId = postmortem({ 'id: INC-100': null, 'started: 2026-03-14T09:12:00+01:00': 'started: 2026-03-13T09:12:00+01:00' });
    const problems = check(postmortem(withField('related: [INC-099, dns-outage-2]\nrepeatOf: INC-099')), {
      others: { [OTHER]: other, 'content/postmortems/2025/dns-outage-2.mdx': noId },
    });
    expect(problems.map(formatProblem)).toEqual([]);
  });
});

describe('YAML syntax errors', () => {
  it.each<{ name: string; edits: Record<string, string | null>; line: number; says: RegExp[] }>([
    // An unquoted ": " inside the title, line 2.
    { name: 'colon in an unquoted value', edits: { 'title: Checkout returned 502s after a CDN config push': 'title: Checkout: 502s after a CDN config push' }, line: 2, says: [/YAML syntax/, /must be quoted/] },
    // The same key twice: the second (line 4) is the problem.
    { name: 'a key twice', edits: { 'id: INC-100': 'id: INC-100\nid: INC-101' }, line: 4, says: [/YAML syntax: Map keys must be unique/, /keep one of them/] },
    // A quote opened on line 2 and never closed.
    { name: 'unclosed quote', edits: { 'title: Checkout returned 502s after a CDN config push': 'title: "Checkout returned 502s' }, line: 2, says: [/YAML syntax/, /quote/] },
  ])('$name', ({ edits, line, says }) => {
    const problems = check(postmortem(edits));
    expect(problems.map(formatProblem).join('\n')).not.toBe('');
    expect(problems[0]).toMatchObject({ file: FILE, line, field: '(yaml)', rule: 'yaml', severity: 'error' });
    for (const phrase of says) expect(problems[0].message).toMatch(phrase);
  });

  it('reports a file without frontmatter', () => {
    expectProblems(check('# Just a title\n\nSome text.\n'), [{ line: 1, field: '(frontmatter)', rule: 'schema', says: [/has no frontmatter/, /---/] }]);
  });
});

describe('settings.yaml', () => {
  it.each([
    // Line 2 misspells timezone.
    { name: 'unknown key', text: 'name: Acme post-mortems\ntimezon: Europe/Berlin\n', line: 2, field: 'timezon', says: [/is not a known field/, /did you mean "timezone"\?/] },
    // A misspelt zone name on line 2.
    { name: 'bad timezone', text: 'name: Acme post-mortems\ntimezone: Europe/Berln\nloadedRate: 120\n', line: 2, field: 'timezone', says: [/is not an IANA time zone/, /Europe\/Berlin/] },
    // A negative rate on line 1.
    { name: 'negative loadedRate', text: 'loadedRate: -5\n', line: 1, field: 'loadedRate', says: [/-5/] },
    { name: 'industry outside its set', text: 'industry: banking\n', line: 1, field: 'industry', says: [/"banking" is not allowed/, /fintech, healthcare, saas, e-commerce, manufacturing, other/] },
  ])('$name', ({ text, line, field, says }) => {
    const result = validateLibrary({ file: SETTINGS, text }, [{ file: FILE, text: postmortem() }]);
    expectProblems(result.problems, [{ file: SETTINGS, line, field, rule: 'schema', says }]);
    // Without valid settings no post-mortem can be checked (categories, zone), so none is returned.
    expect(result.settings).toBeUndefined();
    expect(result.entries).toEqual([]);
  });

  it('applies every default when there is no settings file', () => {
    expect(validateSettings(SETTINGS, undefined)).toEqual({ value: settingsSchema.parse({}), problems: [] });
    expect(settingsSchema.parse({})).toMatchObject({ timezone: 'UTC', currency: 'USD', loadedRate: 100, sev1MaxGapMinutes: 15, categories: expect.arrayContaining(['change-management']) });
  });
});

describe('one run reports everything', () => {
  it('reports every problem of every file, including the rules across files', () => {
    const problems = validateLibrary({ file: SETTINGS }, [
      // Severity outside its set, line 5.
      { file: 'content/postmortems/a.mdx', text: postmortem({ 'id: INC-100': 'id: A', 'severity: SEV-2': 'severity: SEV-0' }) },
      // Two problems in one file: no owner (action at line 59), completed on an open action (inserted line 63).
      { file: 'content/postmortems/b.mdx', text: postmortem({ 'id: INC-100': 'id: B', '    owner: platform-team': null, '    status: open': '    status: open\n    completed: 2026-03-20' }) },
      // Valid on its own, but names a post-mortem that does not exist (line 67).
      { file: 'content/postmortems/c.mdx', text: postmortem({ 'id: INC-100': 'id: C', '  discovered: 2026-03-14T09:20:00+01:00': '  discovered: 2026-03-14T09:20:00+01:00\nrelated: [Z]' }) },
      // Valid on its own, but takes C's id.
      { file: 'content/postmortems/d.mdx', text: postmortem({ 'id: INC-100': 'id: C' }) },
    ]).problems;
    expect(problems.map((p) => `${p.file}:${p.line} ${p.field} ${p.rule}`).sort()).toEqual([
      'content/postmortems/a.mdx:5 severity schema',
      'content/postmortems/b.mdx:59 actions[1].owner schema',
      'content/postmortems/b.mdx:63 actions[1].completed action',
      'content/postmortems/c.mdx:67 related[0] reference',
      'content/postmortems/d.mdx:3 id unique-id',
    ]);
  });
});

describe('a valid realistic post-mortem (docs/format.md#a-complete-example, filled in)', () => {
  const FORMAT_EXAMPLE = `---
title: EU checkout returned 502s after a CDN config push
id: INC-2026-007
kind: incident
severity: SEV-1
status: published
visibility: internal
services: [checkout-api, cdn-edge]
teams: [payments]
tags: [config, cdn]
timezone: Europe/Berlin
started: 2026-03-14T09:12:00+01:00
detected: 2026-03-14T09:20:00+01:00
resolved: 2026-03-14T11:42:00+01:00
reportCompleted: 2026-03-15T08:00:00+01:00
detection:
  method: monitoring
  notes: Burn-rate alert on checkout 5xx
impact:
  usersAffected: 48000
  revenueLost: 120000
  slaBreached: true
  summary: EU customers could not pay for 2.5 hours
timeline:
  - at: "09:12"
    event: CDN config push begins
  - at: "09:20"
    event: Checkout 5xx burn-rate alert fires
    mark: alert
  - at: "09:24"
    event: On-call engineer paged and acknowledges
    mark: notified
  - at: "2026-03-14T08:35:00Z"
    event: Incident channel opened, investigation starts
    mark: investigating
  - at: "10:58"
    event: Edge certificate chain mismatch identified
    mark: root-cause
  - at: "11:30"
    event: Previous CDN config restored
    mark: fix-deployed
  - at: "11:42"
    event: Checkout error rate back to baseline
    mark: resolved
whys:
  - Checkout requests failed because the edge rejected the origin certificate
  - The pushed config referenced a certificate chain the edge did not have
  - The push reached every edge location at once
  - Config pushes have no canary stage
  - The edge rollout process has no owner who could add one
rootCause:
  category: change-management
  summary: Config pushes reach every edge at once with no canary
factors:
  monitoring: 2
  testing: { score: 3, notes: No staging check for cert chains }
  documentation: 0
  process: 1
  knowledge-concentration: 0
  capacity: 0
  third-party: 0
  communication: 1
  change-management: 3
  technical-debt: 1
wentWell:
  - Alert fired within 8 minutes
  - The rollback runbook worked first time
  - The status page was updated within 15 minutes
actions:
  - title: Canary stage for CDN config pushes
    owner: payments-sre
    deadline: 2026-03-21
    priority: P1
    status: done
    completed: 2026-03-20
    ticket: https://tracker.example/PAY-123
  - title: Cert-chain check in the staging pipeline
    owner: platform-team
    deadline: 2026-04-14
    priority: P2
    status: in-progress
  - title: Page the CDN vendor automatically
    owner: payments-sre
    deadline: 2026-04-14
    priority: P2
    status: wont-do
prevention:
  monitoring: Added burn-rate alert for edge 5xx
  runbook: Updated "CDN rollback" runbook
  tests: Cert-chain check in staging pipeline
  architectureChange: { needed: true, rfc: https://docs.example/rfc-42 }
  training: null
cost:
  slaCredits: 15000
  vendorCosts: 0
  engineeringHours: 46
  loadedRate: 150
  churn: { probability: 0.002, ltv: 900 }
  brand: 10000
regulatory:
  frameworks: [pci-dss, gdpr]
  discovered: 2026-03-14T09:20:00+01:00
related: [INC-2025-031]
repeatOf: INC-2025-031
---

## What happened

A CDN config push reached every edge location at once. The new config named a certificate chain
the edges did not have, so they rejected the origin and checkout returned 502s for EU customers.

## Lessons

- A change that reaches everything at once needs a canary stage.
- The rollback runbook was worth its upkeep.
`;

  it('yields no problem, and keeps every value as written', () => {
    const earlier = postmortem({ 'id: INC-100': 'id: INC-2025-031', 'started: 2026-03-14T09:12:00+01:00': 'started: 2025-11-02T09:12:00+01:00' });
    const result = validateLibrary({ file: SETTINGS, text: 'timezone: Europe/Berlin\nloadedRate: 120\n' }, [
      { file: 'content/postmortems/2026/cdn-push.mdx', text: FORMAT_EXAMPLE },
      { file: 'content/postmortems/2025/cdn-push-2025.mdx', text: earlier },
    ]);
    expect(result.problems.map(formatProblem)).toEqual([]);
    const entry = result.entries.find((e) => e.id === 'INC-2026-007')!;
    // Timestamps stay strings with their offset (YAML 1.2 core schema; no Date conversion).
    expect(entry.data.started).toBe('2026-03-14T09:12:00+01:00');
    expect(entry.data.timeline[3].at).toBe('2026-03-14T08:35:00Z');
    expect(entry.data.actions[0].deadline).toBe('2026-03-21');
    expect(entry.data.cost?.churn).toEqual({ probability: 0.002, ltv: 900 });
  });
});

describe('validateFile', () => {
  it('takes the id from the file name when there is none, and applies the defaults', () => {
    const result = validateFile(FILE, postmortem({ 'id: INC-100': null, 'kind: incident': null, 'status: published': null }), settingsSchema.parse({}));
    expect(result.problems).toEqual([]);
    expect(result.value?.id).toBe('cdn-push');
    // Defaults (docs/format.md#fields): kind incident, status published, visibility internal, empty lists.
    expect(result.value?.data).toMatchObject({ kind: 'incident', status: 'published', visibility: 'internal', teams: [], tags: [], related: [] });
  });
});

describe('formatProblem', () => {
  it('prints file:line:col  field  message  [severity: rule]', () => {
    const [problem] = check(postmortem({ 'severity: SEV-2': 'severity: SEV-4' }));
    // "severity: " is 10 characters, so the value starts in column 11.
    expect(formatProblem(problem)).toBe('content/postmortems/2026/cdn-push.mdx:5:11  severity  "SEV-4" is not allowed; use one of: SEV-1, SEV-2, SEV-3  [error: schema]');
  });
});

describe('loadLibrary', () => {
  it('reads a content folder with sub-folders and reports paths relative to the working directory', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'hindsight-load-'));
    mkdirSync(join(cwd, 'content/postmortems/2026'), { recursive: true });
    writeFileSync(join(cwd, 'content/settings.yaml'), 'timezone: Europe/Berlin\n');
    writeFileSync(join(cwd, 'content/postmortems/2026/cdn-push.mdx'), postmortem());
    writeFileSync(join(cwd, 'content/postmortems/broken.mdx'), postmortem({ 'id: INC-100': 'id: INC-101', 'kind: incident': 'kind: outage' }));
    // Not read (only .mdx files are), and said so.
    writeFileSync(join(cwd, 'content/postmortems/notes.txt'), 'kind: whatever\n');
    const result = loadLibrary(join(cwd, 'content'), cwd);
    expect(result.files.map((file) => file.slice(cwd.length + 1))).toEqual(['content/postmortems/2026/cdn-push.mdx', 'content/postmortems/broken.mdx']);
    expect(result.settings?.timezone).toBe('Europe/Berlin');
    expect(result.entries.map((e) => e.id)).toEqual(['INC-100']);
    expect(result.problems.map((p) => `${p.file}:${p.line} ${p.field}`)).toEqual(['content/postmortems/broken.mdx:4 kind', 'content/postmortems/notes.txt:1 (file)']);
  });

  it('finds the basic fixture library valid', () => {
    const result = loadLibrary(join(process.cwd(), 'tests/fixtures/basic'));
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.entries.map((e) => e.id).sort()).toEqual(['INC-2026-001', 'INC-2026-002', 'INC-2026-003', 'INC-2026-005', 'asset-cache-rule-change']);
  });
});
