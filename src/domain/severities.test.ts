// The team's own severity levels (settings.severities): the schema, the figures and the rules follow them.
import { describe, expect, it } from 'vitest';
import { postmortemSchema } from '../schemas/postmortem.ts';
import { buildLibrary } from './library.ts';
import { frontmatterWarnings } from './lint/rules.ts';
import { facets } from './format.ts';
import { testSettings } from './testing.ts';

const settings = testSettings({
  severities: [
    { id: 'P1', label: 'Major outage', minuteByMinute: true },
    { id: 'P2', label: 'Partial outage' },
    { id: 'P3', label: 'Degraded' },
    { id: 'P4', label: 'Cosmetic' },
  ],
});
const schema = postmortemSchema(settings, '2026-06-30');
const postmortem = (id: string, severity: string, timeline = [{ at: '10:00', event: 'Start' }, { at: '10:10', event: 'Resolved' }]) => ({
  title: id,
  id,
  severity,
  services: ['api'],
  started: '2026-04-10T10:00:00Z',
  detected: '2026-04-10T10:05:00Z',
  resolved: '2026-04-10T11:00:00Z',
  detection: { method: 'monitoring' },
  impact: { usersAffected: 1, revenueLost: 0, slaBreached: false },
  timeline,
  whys: ['One', 'Two', 'Three', 'Four', 'Five'],
  rootCause: { category: 'process', summary: 'A gap' },
  factors: { monitoring: 0, testing: 0, documentation: 0, process: 0, 'knowledge-concentration': 0, capacity: 0, 'third-party': 0, communication: 0, 'change-management': 0, 'technical-debt': 0 },
  wentWell: ['One', 'Two', 'Three'],
});

describe('settings.severities', () => {
  it('accepts the team levels and refuses the framework defaults it does not list', () => {
    expect(schema.safeParse(postmortem('A', 'P4')).success).toBe(true);
    const refused = schema.safeParse(postmortem('B', 'SEV-1'));
    expect(refused.success).toBe(false);
    expect(JSON.stringify(refused.error?.issues)).toMatch(/P1.*P2.*P3.*P4/);
  });

  it('counts post-mortems by the team levels, in their order, and offers them as facets in that order', () => {
    const entries = ['P3', 'P1', 'P3'].map((severity, index) => ({ id: `I${index}`, file: `I${index}.md`, data: schema.parse(postmortem(`I${index}`, severity)) }));
    const library = buildLibrary(entries, settings, { today: '2026-06-30', drafts: false, visibility: 'all' });
    const q2 = library.quarters.find((quarter) => quarter.quarter === '2026-Q2')!;
    expect(q2.bySeverity).toEqual({ P1: 1, P2: 0, P3: 2, P4: 0 });
    expect(facets(library.published, settings.severities.map((level) => level.id)).severity.map((facet) => facet.value)).toEqual(['P1', 'P3']);
  });

  it('asks a minute-by-minute timeline of the levels that say so, and of no other', () => {
    const gappy = [{ at: '10:00', event: 'Start' }, { at: '10:50', event: 'Much later' }, { at: '11:00', event: 'Resolved' }];
    const rules = (severity: string) => frontmatterWarnings(schema.parse(postmortem('G', severity, gappy)), settings).map((finding) => finding.rule);
    expect(rules('P1')).toContain('sev1-timeline-gap');
    expect(rules('P2')).not.toContain('sev1-timeline-gap');
  });
});
