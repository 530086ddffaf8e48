// The 39 post-mortems of DFDS Cloud Engineering (tests/fixtures/dfds, MIT, LICENSE beside them)
// imported one by one. Expected values were counted from the sources: `rows` is every data row of
// the timeline table, `asText` those with no date it can read ("2022-05-?? HH:mm"), actions are
// the top-level items of "Action Items".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { convert } from '../scripts/lib/import/convert.ts';

const DIR = join(import.meta.dirname, 'fixtures/dfds');

// id, title, start date, timeline rows, rows kept as text, actions
const EXPECTED: [string, string, string, number, number, number][] = [
  ['PM2019-009', 'Kubernetes network infrastructure IP starvation', '2019-11-29', 14, 0, 4],
  ['PM2019-010', 'Hellman Kubernetes cluster node deletion', '2019-12-04', 6, 0, 2],
  ['PM2019-011', 'Hellman Kubernetes IaC accidentally reverted', '2019-12-05', 11, 0, 5],
  ['PM2020-001', 'Inotify file watches exhaustion', '2020-01-20', 2, 0, 1],
  ['PM2020-002', 'KIAM Service disruption', '2020-01-21', 4, 0, 3],
  ['PM2020-003', 'ADSync migration issues', '2020-01-16', 5, 0, 4],
  ['PM2020-004', 'CoreDNS upgrade issue', '2020-02-03', 3, 0, 2],
  ['PM2020-005', 'ALB instance attachments removed', '2020-06-09', 6, 0, 3],
  ['PM2020-006', 'ADSync service accounts', '2020-02-24', 5, 0, 2],
  ['PM2020-007', 'Unhealthy node', '2020-10-06', 5, 0, 2],
  ['PM2020-008', 'Alcide admission causing Kubernetes timeouts', '2020-11-04', 6, 0, 2],
  ['PM2020-009', 'KIAM service disruption due to upgrade', '2020-11-17', 3, 0, 1],
  ['PM2021-001', 'Logs from Kubernetes worklaods not being shipped to CloudWatch Logs', '2021-01-05', 4, 0, 3],
  ['PM2021-002', 'Flux unintended version update', '2021-02-15', 4, 0, 4],
  ['PM2021-003', 'Flux unintended version update', '2021-02-19', 7, 0, 3],
  ['PM2021-004', 'ADFS Outage', '2021-03-31', 8, 0, 3],
  ['PM2021-005', 'All services returning 503 in Kubernetes', '2021-06-22', 7, 0, 3],
  ['PM2021-006', 'All services returning 503 in Kubernetes', '2021-06-30', 5, 0, 3],
  ['PM2021-007', 'All services returning 503 in Kubernetes', '2021-07-02', 5, 0, 2],
  ['PM2021-008', 'Kubernetes ingress controller Traefik v2 configuration caused outage', '2021-08-26', 8, 0, 2],
  ['PM2021-009', 'All services returning 404 in Kubernetes', '2021-09-01', 13, 0, 6],
  ['PM2021-010', 'A limited amount of services deployed in Kubernetes returning 504', '2021-09-17', 10, 0, 3],
  ['PM2021-011', 'Log4Shell investigations', '2021-12-10', 26, 0, 6],
  ['PM2022-001', 'Prometheus is down with connection refused errors', '2022-01-25', 18, 0, 1],
  ['PM2022-002', 'Logs not shipped to CloudWatch', '2022-01-31', 7, 0, 1],
  ['PM2022-003', 'Two Kuberneste nodes were down', '2022-02-08', 12, 0, 2],
  ['PM2022-004', 'Kafka metrics missing from Prometheus', '2022-02-08', 10, 1, 2],
  ['PM2022-005', 'Node IPC Incident Response', '2022-03-07', 12, 0, 2],
  // The timeline opens with background from 2020 (a script written then); the source says so.
  ['PM2022-006', 'ALB 502 Errors', '2020-12-21', 10, 2, 4],
  ['PM2022-007', 'Kafka metrics stopped being exported to Prometheus', '2022-07-07', 13, 0, 1],
  ['PM2022-008', 'CRUD operations on K8s Service resources unavailable', '2022-08-03', 7, 0, 4],
  ['PM2022-009', 'Bad AWS EKS AMI', '2022-10-29', 20, 0, 7],
  ['PM2023-001', 'Total node failure', '2023-02-13', 16, 0, 6],
  ['PM2023-002', 'Logs not being shipped to CloudWatch', '2023-04-11', 13, 0, 5],
  ['PM2024-001', 'Two Kubernetes nodes went into NotReady state', '2024-03-13', 28, 0, 7],
  ['PM2024-002', 'PODs not able to start while being moved to new nodes during AMI Update', '2024-04-09', 7, 0, 2],
  ['PM2024-003', 'Kube state metrics exposing wrong labels', '2024-06-06', 7, 0, 2],
  ['PM2025-001', 'Node system resource starvation and scheduling capacity', '2025-02-27', 19, 0, 6],
  ['PM2025-002', 'Traefik Rule Preventing Some Inbound Traffic', '2025-03-17', 12, 0, 6],
];

/** Text with Markdown emphasis, links and spacing gone, for comparing sentences. */
export function normalise(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/&amp;/g, '&')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/[*_`|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The sentences of a source: split at sentence ends and line breaks; very short pieces skipped. */
export function sentences(source: string): string[] {
  return source
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z])/)
    .map((s) => normalise(s.replace(/^\s*(?:#+|[-*+]|\d+\.|>)\s+/, '').replace(/^\[[ xX]\]\s+/, '')))
    .filter((s) => s.split(' ').length >= 3 && !/^[-:| ]+$/.test(s));
}

const files = readdirSync(DIR).filter((f) => f.startsWith('PM20'));

describe('the DFDS archive', () => {
  test('has the 39 post-mortems (one without .md)', () => {
    expect(files).toHaveLength(39);
    expect(files.filter((f) => !f.endsWith('.md'))).toHaveLength(1);
  });

  test.each(EXPECTED)('%s imports with its title, start, timeline and actions', (id, title, start, rows, asText, actions) => {
    const file = files.find((f) => f.startsWith(id))!;
    const source = readFileSync(join(DIR, file), 'utf8');
    const result = convert(source, { from: file, today: '2025-06-01' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const data = parse(result.text.split('\n---\n')[0].slice(4)) as Record<string, unknown> & { timeline?: unknown[]; actions?: unknown[] };
    expect(data.id).toBe(id);
    expect(data.title).toBe(title);
    expect(String(data.started).slice(0, 10)).toBe(start);
    expect(data.timeline?.length ?? 0).toBe(rows - asText);
    expect(result.report.keptAsText).toHaveLength(asText);
    expect(data.actions?.length ?? 0).toBe(actions);
    // Nothing invented: no owner, deadline, severity or score appears in this archive.
    for (const action of (data.actions ?? []) as Record<string, unknown>[]) expect(Object.keys(action).filter((k) => k !== "title" && k !== "status")).toEqual([]);
    expect(data.severity).toBeUndefined();
    expect(data.factors).toBeUndefined();
    const out = normalise(result.text);
    for (const sentence of sentences(source)) expect(out, `${id}: "${sentence}"`).toContain(sentence);
  });
});

describe('the DFDS archive, imported with npm run import', () => {
  // The whole command, then the library check: everything the importer writes checks with 0 errors.
  test('imports every post-mortem in one command, and the result checks with 0 errors', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { spawnSync } = await import('node:child_process');
    const { checkLibrary } = await import('../src/ingestion/load.ts');
    const root = mkdtempSync(join(tmpdir(), 'hindsight-dfds-'));
    mkdirSync(join(root, 'postmortems'));
    writeFileSync(join(root, 'settings.yaml'), 'name: Imported archive\ntimezone: UTC\n');
    const node = join(import.meta.dirname, '../node_modules/.bin/node');
    const run = spawnSync(node, [join(import.meta.dirname, '../scripts/import.ts'), join(import.meta.dirname, 'fixtures/dfds'), '--out', join(root, 'postmortems')], { encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/imported 39 of 39 files/);
    const result = await checkLibrary(root, root, undefined, { helper: false });
    expect(result.files).toHaveLength(39);
    expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    // No process warning applies to an imported post-mortem: only what the text itself says (blame words).
    expect(new Set(result.problems.map((problem) => problem.rule))).toEqual(new Set(['blame-phrase']));
  });
});
