import { describe, expect, it, test } from 'vitest';
import { parse } from 'yaml';
import { convert } from './convert.ts';
import { classifyHeading } from './sections.ts';
import { readWhen, statedZone } from './when.ts';
import { relinkSources } from './files.ts';

const run = (source: string, from = 'incident.md', timezone?: string) => {
  const result = convert(source, { from, today: '2026-01-15', timezone });
  if (!result.ok) throw new Error(result.reason);
  return { ...result, data: parse(result.text.split('\n---\n')[0].slice(4)) as Record<string, any> };
};

describe('headings', () => {
  test.each([
    ['## Summary', 'summary'], ['### WHAT HAPPENED', 'summary'], ['# Root Cause(s)', 'rootCause'], ['## Trigger', 'rootCause'],
    ['## Lessons learnt', 'lessons'], ['## Atendees', 'attendees'], ['## Follow-ups', 'actions'], ['## Next steps', 'actions'],
    ['## 5 Whys', 'whys'], ['## Contributing Factors (findings)', 'factors'], ['## Where we got lucky', 'lucky'],
    ['## Recurrence Prevention', 'prevention'], ['## Timeline (UTC)', 'timeline'], ['## Resolution and recovery', 'resolution'],
    ['## Kafka metrics missing', 'other'],
  ])('%s is %s', (heading, kind) => expect(classifyHeading(heading.replace(/^#+\s*/, ''))).toBe(kind));
});

describe('times as written', () => {
  test.each([
    ['2021-12-10 09:00 text', { date: '2021-12-10', time: '09:00', rest: 'text' }],
    ['14:02 UTC — Alert fires', { time: '14:02', rest: 'Alert fires' }],
    ['**14:02**: Alert fires', { time: '14:02', rest: 'Alert fires' }],
    ['2:05 PM PST - paged', { time: '14:05', rest: 'paged' }],
    ['12:30 a.m. rollback', { time: '00:30', rest: 'rollback' }],
    ['2024-03-13 14:??', { date: '2024-03-13', time: '14:00', approximate: true }],
    ['2019-12-03 --:--', { date: '2019-12-03', approximate: true }],
    ['~2025-03-03 19:30', { date: '2025-03-03', time: '19:30', approximate: true }],
    ['2020-11-17 10:45~', { date: '2020-11-17', time: '10:45', approximate: true }],
    ['2020-10-06 09:00 - 11:00', { date: '2020-10-06', time: '09:00', approximate: true, range: true }],
    ['Friday 29 November 2019', { date: '2019-11-29', approximate: true }],
  ])('%s', (text, expected) => expect(readWhen(text)).toMatchObject(expected));

  test('a zone per row', () => expect(readWhen('2:05 PM PST')?.zone).toMatchObject({ offset: -480 }));
  test('a zone stated once', () => {
    expect(statedZone('All times in CET.')).toMatchObject({ zone: 'CET' });
    expect(statedZone('Times are in America/New_York')).toMatchObject({ zone: 'America/New_York' });
    expect(statedZone('Nothing about zones here.')).toBeUndefined();
  });
  test('a mistyped year is repaired only with the file year', () => {
    expect(readWhen('20202-01-16 12:00', { year: 2020 })).toMatchObject({ date: '2020-01-16' });
    expect(readWhen('20202-01-16 12:00')).toBeUndefined();
  });
});

const TEMPLATE = `# Checkout 502s after a CDN push

## Incident Summary

**Severity:** SEV-1
**Services affected:** checkout-api, cdn-edge
**Users affected:** 48,000
**Revenue lost:** 120000

EU customers could not pay for 2.5 hours.

## Impact

EU customers could not pay for 2.5 hours.

## Timeline

All times in Europe/Berlin.

| Time | Event |
|---|---|
| 2026-03-14 09:12 | CDN config push begins |
| 2026-03-14 09:20 | **Detection:** burn-rate alert fires |
| 2026-03-14 11:42 | Error rate back within SLO; incident resolved |

## 5 Whys

1. Why did checkout fail? The edge rejected the origin certificate.
2. Why did it reject it? The pushed config pinned the old intermediate.
3. Why did the old pin ship? Config pushes are not validated.
4. Why are they not validated? CDN config is edited in the console.
5. Why in the console? No one owned moving it into the pipeline.

## Contributing Factors

| Factor | Score (0–3) | Notes |
|---|---|---|
| Monitoring | 2 | Alert was slow |
| Testing | 3 | No staging check for cert chains |
| Change management | 3 | |

## What Went Well

- Alert fired within 8 minutes
- Rollback runbook worked first time

## Action Items

| Action | Owner | Deadline | Priority | Status | Ticket |
|---|---|---|---|---|---|
| Canary stage for CDN config pushes | payments-sre | 2026-03-21 | P1 | Done | [PAY-123](https://tracker.example/PAY-123) |
| Validate cert chains in staging | | TBD | P2 | Open | PAY-124 |

## Recurrence Prevention

- [x] Monitoring: burn-rate alert for edge 5xx
`;

describe('the framework template', () => {
  const { data, text, report } = run(TEMPLATE);
  test('every field it states', () => {
    expect(data).toMatchObject({
      title: 'Checkout 502s after a CDN push', severity: 'SEV-1', services: ['checkout-api', 'cdn-edge'], timezone: 'Europe/Berlin',
      started: '2026-03-14T09:12:00+01:00', detected: '2026-03-14T09:20:00+01:00', resolved: '2026-03-14T11:42:00+01:00',
      impact: { usersAffected: 48000, revenueLost: 120000, slaBreached: 'unknown', summary: 'EU customers could not pay for 2.5 hours.' },
      factors: { monitoring: { score: 2, notes: 'Alert was slow' }, testing: { score: 3, notes: 'No staging check for cert chains' }, 'change-management': 3 },
      wentWell: ['Alert fired within 8 minutes', 'Rollback runbook worked first time'],
    });
    expect(data.timeline.map((e: any) => e.at)).toEqual(['09:12', '09:20', '11:42']);
    expect(data.whys).toHaveLength(5);
  });
  test('actions: only the columns stated', () => {
    expect(data.actions).toEqual([
      { title: 'Canary stage for CDN config pushes', owner: 'payments-sre', deadline: '2026-03-21', priority: 'P1', status: 'done', ticket: 'https://tracker.example/PAY-123' },
      { title: 'Validate cert chains in staging', priority: 'P2', status: 'open' },
    ]);
    expect(report.notes.join('\n')).toMatch(/ticket "PAY-124" has no link/);
  });
  test('times are quoted and the body keeps every section', () => {
    expect(text).toMatch(/at: "09:12"/);
    expect(text).toMatch(/## Recurrence Prevention/);
    expect(text).not.toMatch(/^# Checkout/m);
  });
});

describe('timelines', () => {
  test('a bullet timeline with the date from the summary', () => {
    const { data, report } = run(`# DNS outage\n\n## Summary\n\nOn 10 December 2021 resolvers failed.\n\n## Timeline\n\n- 14:02 UTC — resolvers start failing\n- **14:10**: on-call paged\n- 14:40 UTC: service restored\n`);
    expect(data.started).toBe('2021-12-10T14:02:00Z');
    expect(data.timeline).toEqual([
      { at: '14:02', event: 'resolvers start failing' },
      { at: '14:10', event: 'on-call paged' },
      { at: '14:40', event: 'service restored' },
    ]);
    expect(data.resolved).toBe('2021-12-10T14:40:00Z');
    expect(report.guesses.join('\n')).toMatch(/10 December 2021/);
  });

  test('12-hour clocks with a zone per row', () => {
    const { data } = run(`# Payments\n\n## Timeline\n\n| Date | Time | What |\n|---|---|---|\n| 2023-07-04 | 11:50 PM PDT | deploy |\n| 2023-07-05 | 12:20 AM PDT | errors |\n`, 'p.md', 'America/Los_Angeles');
    expect(data.started).toBe('2023-07-04T23:50:00-07:00');
    expect(data.timeline.map((e: any) => e.at)).toEqual(['23:50', '2023-07-05T00:20:00-07:00']);
  });

  test('across a daylight saving change, offsets come from the IANA zone', () => {
    const { data } = run(`# Batch\n\nAll times in CET.\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 2025-10-25 23:30 | job starts |\n| 2025-10-26 02:30 | job still running |\n| 2025-10-26 04:00 | job done, recovered |\n`);
    expect(data.started).toBe('2025-10-25T23:30:00+02:00');
    expect(data.timeline.map((e: any) => e.at)).toEqual(['23:30', '2025-10-26T02:30:00+01:00', '2025-10-26T04:00:00+01:00']);
  });

  test('time-only rows past midnight move to the next day', () => {
    const { data } = run(`# Night\n\n## Timeline\n\n### 2024-02-01\n\n- 23:50 alert\n- 00:10 fixed\n`, 'n.md', 'UTC');
    expect(data.timeline.map((e: any) => e.at)).toEqual(['23:50', '2024-02-02T00:10:00Z']);
  });

  test('date-only, unknown and approximate rows are kept; unreadable ones reported', () => {
    const { data, report } = run(`# X\n\nAll times in UTC.\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 2021-12-10 | published |\n| 2021-12-10 15:40 | aware |\n| 2021-12-10 16:?? | scanning |\n| 2021-??-?? | later |\n`);
    expect(data.timeline).toEqual([
      { at: '2021-12-10', event: 'published' },
      { at: '15:40', event: 'aware' },
      { at: '~16:00', event: '[2021-12-10 16:??] scanning' },
    ]);
    expect(report.keptAsText).toHaveLength(1);
  });

  test('without any zone, times stay in the text and nothing is invented', () => {
    const { data, report } = run(`# X\n\n## Timeline\n\n- 2022-01-02 10:00 start\n- 2022-01-02 11:00 end\n`);
    expect(data.started).toBe('2022-01-02');
    expect(data.timezone).toBeUndefined();
    expect(data.timeline[0]).toEqual({ at: '2022-01-02', event: '[2022-01-02 10:00] start' });
    expect(report.keptAsText.join()).toMatch(/--timezone/);
  });
});

describe('actions from lists', () => {
  test('checklists, bold titles, owners and done markers', () => {
    const { data } = run(`# Y\n\nOn 2022-03-01 it broke.\n\n## Follow-ups\n\n- [x] Add alert on queue depth\n- [ ] **Write the runbook**: steps for a restart (owner: @sre-team, due 2022-04-01, P1)\n- Implement guards (done)\n`);
    expect(data.actions).toEqual([
      { title: 'Add alert on queue depth', status: 'done' },
      { title: 'Write the runbook', status: 'open', owner: 'sre-team', deadline: '2022-04-01', priority: 'P1' },
      { title: 'Implement guards (done)', status: 'done' },
    ]);
  });
});

describe('a file with no recognisable sections', () => {
  test('is imported as prose with its title and the date it states', () => {
    const source = `# The day the VPN fell over\n\nOn March 3, 2020 the VPN concentrator rebooted. People worked from cafés. <script>alert(1)</script>\n`;
    const { data, text } = run(source);
    expect(data).toMatchObject({ title: 'The day the VPN fell over', started: '2020-03-03', detected: 'unknown', resolved: 'unknown' });
    expect(data.timeline).toBeUndefined();
    expect(data.actions).toBeUndefined();
    expect(text).toMatch(/People worked from cafés\./);
    expect(text).not.toMatch(/<script>/);
  });
  test('no date at all is not imported', () => {
    expect(convert('# Notes\n\nSome words.\n', { from: 'notes.md', today: '2026-01-01' })).toMatchObject({ ok: false });
  });
  test('the title comes from the file name when there is no heading', () => {
    expect(run('Happened on 2020-05-05.\n', 'INC-42 - Lost mail.md').data).toMatchObject({ title: 'Lost mail', id: 'INC-42' });
  });
  test('front matter title and unmapped keys', () => {
    const { data, text } = run(`---\ntitle: "Disk full: db-1"\nauthor: kim\ndate: 2020-05-05\n---\nBody text here.\n`);
    expect(data).toMatchObject({ title: 'Disk full: db-1', started: '2020-05-05' });
    expect(text).toMatch(/- \*\*author:\*\* kim/);
  });
});

describe('links between the sources of an archive', () => {
  it.each([
    ['an inline link', 'See [PM2019-009](PM2019-009%20-%20IP%20starvation.md).', 'See [PM2019-009](/incidents/PM2019-009/).', 1],
    ['a reference definition', '[PM2019-009]: PM2019-009%20-%20IP%20starvation.md', '[PM2019-009]: /incidents/PM2019-009/', 1],
    ['a link in angle brackets', '[x](<PM2019-009 - IP starvation.md>)', '[x](/incidents/PM2019-009/)', 1],
    ['a web link', '[x](https://example.com/PM2019-009%20-%20IP%20starvation.md)', '[x](https://example.com/PM2019-009%20-%20IP%20starvation.md)', 0],
    ['a file that is not in the archive', '[x](other.md)', '[x](other.md)', 0],
  ])('%s', (_name, text, expected, count) => {
    const pageOf = new Map([['PM2019-009 - IP starvation.md', '/incidents/PM2019-009/']]);
    expect(relinkSources(text, pageOf)).toEqual({ text: expected, count });
  });
});
