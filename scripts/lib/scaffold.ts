import { DateTime } from 'luxon';
import type { Settings } from '../../src/schemas/settings.ts';
import { KINDS, SEVERITIES } from '../../src/schemas/postmortem.ts';
import { INDUSTRY_FOCUS } from '../../src/domain/regulatory.ts';

export interface ScaffoldInput {
  /** An id to keep (e.g. an archive's own); default: the next free INC-<year>-NNN. */
  id?: string;
  title: string;
  severity: (typeof SEVERITIES)[number];
  kind: (typeof KINDS)[number];
  services: string[];
  /** The current moment, in the settings time zone. */
  now: DateTime;
  existingIds: ReadonlySet<string>;
  settings: Settings;
}

/** A URL- and file-safe slug of a title: "EU checkout 502s" → "eu-checkout-502s". */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'postmortem';
}

/** The next free id of the year: INC-2026-001, INC-2026-002, … never one already taken, in any case. */
export function nextId(year: number, existing: ReadonlySet<string>): string {
  const prefix = `inc-${year}-`;
  // Ids are unique ignoring case (validate.ts): inc-2026-004 takes INC-2026-004.
  const taken = new Set([...existing].map((id) => id.toLowerCase()));
  let highest = 0;
  for (const id of taken) {
    const match = id.startsWith(prefix) ? /^\d+$/.exec(id.slice(prefix.length)) : null;
    if (match) highest = Math.max(highest, Number(match[0]));
  }
  let n = highest + 1;
  while (taken.has(`${prefix}${String(n).padStart(3, '0')}`)) n++;
  return `INC-${year}-${String(n).padStart(3, '0')}`;
}

/** The relative path of a new post-mortem: postmortems/<YYYY>/<YYYY-MM-DD>-<slug>.mdx */
export function scaffoldPath(title: string, now: DateTime): string {
  return `postmortems/${now.toFormat('yyyy')}/${now.toISODate()}-${slugify(title)}.mdx`;
}

const yamlString = (text: string) => JSON.stringify(text);

/** The text of a new post-mortem: every section, short guidance, status draft. */
export function scaffold(input: ScaffoldInput): { id: string; text: string } {
  const id = input.id ?? nextId(input.now.year, input.existingIds);
  const at = input.now.startOf('minute').toISO({ suppressMilliseconds: true })!;
  const week = input.now.plus({ days: 7 }).toISODate();
  const category = input.settings.categories[0];
  // Frameworks worth considering for the library's industry (docs/format.md#industry-focus).
  const industry = INDUSTRY_FOCUS[input.settings.industry];
  const frameworks = industry.frameworks;
  const text = `---
# Post-mortem ${id}. Fill in every section, then set status: in-review and open a pull request.
# Blameless: describe gaps in process and systems, never who made a mistake.
title: ${yamlString(input.title)}
id: ${id}
kind: ${input.kind}            # incident | missed-deadline | failed-launch | lost-deal | other
severity: ${input.severity}           # SEV-1 revenue impact | SEV-2 customer impact | SEV-3 internal impact
status: draft             # draft | in-review | published
visibility: internal      # internal | public
services: [${input.services.join(', ')}]
teams: []
tags: []
# Every date-time needs its UTC offset (or Z).
started: ${at}
detected: ${at}           # first alert or first report
# resolved: ${at}         # required once status is in-review or published
detection:
  method: monitoring      # monitoring | customer-report | internal-discovery
  notes: What fired, or who reported it
impact:
  usersAffected: 0
  revenueLost: 0          # in ${input.settings.currency}
  slaBreached: false
  summary: Who could not do what, for how long
timeline:                 # "HH:MM" on the start date (${input.settings.timezone}); after midnight write one full date-time
  - at: "${input.now.toFormat('HH:mm')}"
    event: What started it
  - at: "${input.now.toFormat('HH:mm')}"
    event: First alert or report
    mark: alert           # alert | notified | investigating | root-cause | fix-deployed | resolved
whys:                     # the 5 Whys, direct cause first
  - Why did it fail?
  - Why was that possible?
  - Why was that not caught?
  - Why did the process allow it?
  - Why was the process that way?
rootCause:
  category: ${category}   # ${input.settings.categories.join(' | ')}
  summary: The root cause in one sentence
factors:                  # 0 none, 1 minor, 2 significant, 3 major; or { score, notes }
  monitoring: 0
  testing: 0
  documentation: 0
  process: 0
  knowledge-concentration: 0
  capacity: 0
  third-party: 0
  communication: 0
  change-management: 0
  technical-debt: 0
wentWell:                 # 3 to 5 things that worked in the response
  - What helped detection
  - What helped the response
  - What limited the impact
actions:                  # every action needs an owner and a deadline: P0 next business day, P1 7 days, P2 31 days
  - title: What will be done
    owner: owning-team
    deadline: ${week}
    priority: P1          # P0 | P1 | P2
    status: open          # open | in-progress | done | wont-do
prevention:               # what now stops a recurrence; leave null where nothing applies
  monitoring: null
  runbook: null
  tests: null
  architectureChange: null   # or { needed: true, rfc: https://… }
  training: null
cost:                     # all optional, in ${input.settings.currency}
  slaCredits: 0
  vendorCosts: 0
  engineeringHours: 0
  loadedRate: ${input.settings.loadedRate}
${frameworks.length ? `# ${industry.label} reviews look at ${industry.focus.join(' and ')} (regulations: ${industry.regulations}).\nregulatory:                # obligations this may trigger for a ${input.settings.industry} company; remove if none apply\n  frameworks: [${frameworks.join(', ')}]\n` : ''}related: []
---

## What happened

A short, blameless account of the incident for someone who was not there.

## Details

How the failure unfolded, what the responders saw, and why the system behaved as it did.

## Lessons

What this incident taught about the system and the way the team works.
`;
  return { id, text };
}
