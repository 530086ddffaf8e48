import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, type BuildResult } from './helpers/build.ts';

// Deadlines worked out by hand in tests/fixtures/compliance/EXPECTED.md; today is 2026-11-27.

/** The text of some HTML, tags dropped and white space collapsed, as a reader sees it. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

describe('regulatory deadlines in a built library', () => {
  let build: BuildResult;
  const page = (path: string) => readFileSync(join(build.outDir, path, 'index.html'), 'utf8');

  beforeAll(async () => {
    build = await buildSite('tests/fixtures/compliance');
    expect(build.code, build.output).toBe(0);
  });

  it('shows the HIPAA deadline on the incident page, in its own zone, relative to today', () => {
    const html = page('incidents/INC-C-001');
    const section = text(html.slice(html.indexOf('id="pm-regulatory"'), html.indexOf('id="pm-related"')));
    expect(section).toContain('HIPAA');
    expect(section).toContain('Due in 7 days');
    expect(section).toContain('Due 4 Dec 2026, 23:59 EST');
    expect(section).toContain('60 calendar days from discovery');
    expect(section).toContain('5 Oct 2026, 14:30 EDT (when it was detected)');
    expect(html).toContain('datetime="2026-12-05T04:59:59Z"');
  });

  it('shows overdue, no-clock and met obligations on their pages', () => {
    const newsletter = text(page('incidents/INC-C-002'));
    expect(newsletter).toContain('Overdue by 4 days');
    expect(newsletter).toContain('Due 23 Nov 2026, 10:00 CET');
    expect(newsletter).toContain('No fixed clock');
    const warehouse = text(page('incidents/INC-C-003'));
    expect(warehouse).toContain('Met on 14 Sep 2026');
    expect(warehouse).toContain('Due 15 Sep 2026, 07:15 CDT');
  });

  it('lists every obligation on /compliance/: open and overdue first, soonest first, then no clock, then met', () => {
    const html = page('compliance');
    const body = html.slice(html.indexOf('<tbody', html.indexOf('class="obligations')), html.indexOf('</tbody>', html.indexOf('class="obligations')));
    const rows = [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) => text(row[0]));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^INC-C-002 Newsletter list .* GDPR 23 Nov 2026, 10:00 CET Overdue by 4 days/);
    expect(rows[1]).toMatch(/^INC-C-001 Patient portal export .* HIPAA 4 Dec 2026, 23:59 EST Due in 7 days/);
    expect(rows[2]).toMatch(/^INC-C-002 .* SOC 2 No fixed clock No fixed clock/);
    expect(rows[3]).toMatch(/^INC-C-003 Forklift collision .* OSHA 15 Sep 2026, 07:15 CDT Met on 14 Sep 2026/);
    // Each row links its post-mortem; the draft's obligation is not listed.
    expect(html).toContain('href="/incidents/INC-C-001/#pm-regulatory"');
    expect(html).not.toContain('INC-C-004');
  });

  it('shows the industry focus of settings.industry at the top', () => {
    const html = page('compliance');
    const focus = text(html.slice(html.indexOf('<h1'), html.indexOf('class="obligations')));
    expect(focus).toContain('Healthcare: reviews look first at PHI exposure and patient safety. Regulations that come up: HIPAA.');
  });

  it('exports the obligations in incidents.json', () => {
    const incidents = JSON.parse(readFileSync(join(build.outDir, 'api/incidents.json'), 'utf8')) as { id: string; obligations: Record<string, unknown>[] }[];
    const byId = new Map(incidents.map((incident) => [incident.id, incident.obligations]));
    expect(byId.get('INC-C-001')).toEqual([
      expect.objectContaining({ framework: 'hipaa', label: 'HIPAA', discovered: '2026-10-05T14:30:00-04:00', due: '2026-12-04T23:59:59-05:00', dueDate: '2026-12-04', notified: null, state: 'open', daysLeft: 7 }),
    ]);
    expect(byId.get('INC-C-002')!.map((o) => [o.framework, o.state, o.due, o.daysLeft])).toEqual([
      ['gdpr', 'overdue', '2026-11-23T10:00:00+01:00', -4],
      ['soc2', 'no-clock', null, null],
    ]);
    expect(byId.get('INC-C-003')).toEqual([expect.objectContaining({ framework: 'osha', state: 'met', notified: '2026-09-14T16:00:00-05:00', due: '2026-09-15T07:15:00-05:00' })]);
  });
});

describe('a library where no post-mortem declares a framework', () => {
  it('says so on /compliance/', async () => {
    const build = await buildSite('tests/fixtures/search');
    expect(build.code, build.output).toBe(0);
    const html = readFileSync(join(build.outDir, 'compliance/index.html'), 'utf8');
    expect(text(html)).toContain('No published post-mortem declares a regulatory framework');
    expect(html).not.toContain('class="obligations');
  });
});
