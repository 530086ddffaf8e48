import { DateTime } from 'luxon';
import { deadlineLimit } from '../../src/domain/lint/rules.ts';
import { FRAMEWORKS, KINDS, SEVERITIES } from '../../src/schemas/postmortem.ts';
import { INDUSTRIES } from '../../src/schemas/settings.ts';
import { Random } from './generate-random.ts';
import {
  BODY_SENTENCES, CATEGORIES, EXTRA_OWNERS, FAILING_PARTS, GENERIC_ACTIONS, KIND_TRIGGERS, LEADS, LESSONS, OPENINGS, PEOPLE, REGIONS, SERVICES, SIGNALS, SNIPPETS,
  SYMPTOMS, TABLES, VENDORS, WENT_WELL, ZONES, type CategoryText, type ServiceInfo,
} from './generate-data.ts';

/**
 * A synthetic post-mortem library for benchmarks and scale tests: N files with the variety of real
 * ones (every kind, severity and action status; 5–40 timeline entries, SEV-1 minute by minute,
 * timelines across midnight; 1–8 actions inside their priority windows; 300–900 word narratives
 * with tables, code and lists; services and categories spread unevenly over 2019 to today;
 * explicit and detected repeats, related links, drafts, regulatory blocks). Pure: the same options
 * give the same files, byte for byte.
 */
export interface GenerateOptions {
  count: number;
  seed?: number;
  /** The library's "today" (YYYY-MM-DD): no incident starts after it; build with HINDSIGHT_NOW set to it. */
  today?: string;
}

export interface GeneratedFile {
  /** Path relative to the content root: `settings.yaml` or `postmortems/<year>/<name>.mdx`. */
  path: string;
  text: string;
}

export const DEFAULT_TODAY = '2026-11-27';
const FIRST_DAY = '2019-01-02';
const SETTINGS_ZONE = 'Europe/Berlin';

interface Plan {
  start: DateTime;
  kind?: (typeof KINDS)[number];
  severity?: (typeof SEVERITIES)[number];
  status?: 'draft' | 'in-review';
  regulatory?: boolean;
}

/** What later incidents may point at. */
interface Earlier {
  id: string;
  category: string;
  services: string[];
  /** What a repeat of it has in common with it. */
  failure: Failure;
}

/** The failure itself: the part that failed, what set it off, what users saw, and why. */
interface Failure {
  part: string;
  trigger: string;
  symptom: string;
  whys: number;
  summary: number;
}

/** A known repeat (written to repeats.json): `id` is the same failure as the earlier `repeats`; `linked` when its file says so (repeatOf). */
export interface RepeatLabel {
  id: string;
  repeats: string;
  linked: boolean;
}

export function generateLibrary(options: GenerateOptions): GeneratedFile[] {
  const random = new Random(options.seed ?? 1);
  const today = options.today ?? DEFAULT_TODAY;
  const industry = random.pick(INDUSTRIES.filter((item) => item !== 'other'));
  const files: GeneratedFile[] = [{ path: 'settings.yaml', text: settingsYaml(industry) }];
  const plans = planStarts(random, options.count, today);
  const published: Earlier[] = [];
  const labels: RepeatLabel[] = [];
  const perYear = new Map<number, number>();
  const paths = new Set<string>();
  for (const plan of plans) {
    const year = plan.start.setZone(SETTINGS_ZONE).year;
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const id = `INC-${year}-${String(seq).padStart(3, '0')}`;
    const made = postmortem(random, id, plan, today, published);
    let path = `postmortems/${year}/${plan.start.setZone(SETTINGS_ZONE).toISODate()}-${slugify(made.title)}.mdx`;
    for (let n = 2; paths.has(path); n++) path = path.replace(/(?:-\d+)?\.mdx$/, `-${n}.mdx`);
    paths.add(path);
    files.push({ path, text: made.text });
    if (made.published) published.push({ id, category: made.category, services: made.services, failure: made.failure });
    if (made.repeats) labels.push({ id, ...made.repeats });
  }
  files.push({ path: REPEATS_FILE, text: `${JSON.stringify({ about: REPEATS_ABOUT, repeats: labels }, null, 2)}\n` });
  return files;
}

/** The generated library's known repeats, beside settings.yaml: the labelled set of docs/similar.md. */
export const REPEATS_FILE = 'repeats.json';
const REPEATS_ABOUT = 'Known repeats of this synthetic library: each id is the same failure as the earlier one it repeats (same failing part, trigger, symptom and whys, told in other words); linked: false where its file does not say so.';

function settingsYaml(industry: string): string {
  return [
    '# Synthetic library written by `npm run generate`; every post-mortem is made up.',
    'name: Example Corp Post-mortems (synthetic)',
    'url: https://postmortems.example.com',
    'repository: https://git.example.com/example/postmortems/blob/main/content',
    `timezone: ${SETTINGS_ZONE}`,
    'currency: USD',
    'loadedRate: 140',
    `industry: ${industry}`,
    'people:',
    ...PEOPLE.map((name) => `  - ${name}`),
    'sev1MaxGapMinutes: 15',
    '',
  ].join('\n');
}

/**
 * Start instants, oldest first, denser in recent years (the company grows), plus the few
 * assignments that guarantee every kind, severity and state shows up even in a small library.
 */
function planStarts(random: Random, count: number, today: string): Plan[] {
  const first = DateTime.fromISO(FIRST_DAY, { zone: SETTINGS_ZONE }).toMillis();
  const last = DateTime.fromISO(today, { zone: SETTINGS_ZONE }).minus({ days: 6 }).toMillis();
  const plans: Plan[] = [];
  for (let i = 0; i < count; i++) {
    // The first and last incidents pin the span: 2019 to a week before today.
    const share = count === 1 ? 1 : i === 0 ? 0 : i === count - 1 ? 1 : Math.sqrt(random.next());
    let start = DateTime.fromMillis(first + share * (last - first), { zone: SETTINGS_ZONE }).startOf('day');
    // Most incidents start in working hours; SEV-1s and batch failures come at night too.
    const hour = random.chance(0.65) ? random.int(8, 18) : random.int(0, 23);
    start = start.set({ hour, minute: random.int(0, 59) });
    plans.push({ start });
  }
  plans.sort((a, b) => a.start.toMillis() - b.start.toMillis());
  // Coverage: spread the guaranteed cases over random positions (never the very first, which has nothing to repeat).
  const slots = random.shuffle(plans.slice(1));
  const take = () => slots.pop();
  for (const kind of KINDS) { const plan = take(); if (plan) plan.kind = kind; }
  for (const severity of SEVERITIES) { const plan = take(); if (plan) plan.severity = severity; }
  // Drafts are recent: a post-mortem still being written is about a recent incident.
  const recent = random.shuffle(plans.slice(Math.max(1, Math.min(plans.length - 4, Math.floor(plans.length * 0.9)))));
  for (const status of ['draft', 'in-review'] as const) {
    const plan = recent.pop();
    if (plan) plan.status = status;
  }
  for (let i = 0; i < 2; i++) { const plan = take(); if (plan) plan.regulatory = true; }
  return plans;
}

interface Made {
  title: string;
  text: string;
  published: boolean;
  category: string;
  services: string[];
  failure: Failure;
  repeats?: { repeats: string; linked: boolean };
}

type Fill = Record<string, () => string>;

function postmortem(random: Random, id: string, plan: Plan, today: string, earlier: readonly Earlier[]): Made {
  const kind = plan.kind ?? random.weighted([['incident', 78], ['failed-launch', 8], ['missed-deadline', 7], ['lost-deal', 3], ['other', 4]] as const);
  const severity = plan.severity ?? (kind === 'incident'
    ? random.weighted([['SEV-1', 14], ['SEV-2', 40], ['SEV-3', 46]] as const)
    : random.weighted([['SEV-1', 5], ['SEV-2', 45], ['SEV-3', 50]] as const));
  const recentDays = DateTime.fromISO(today).diff(plan.start, 'days').days;
  const status = plan.status ?? (recentDays < 45 && random.chance(0.25) ? random.pick(['draft', 'in-review'] as const) : 'published');

  // Services: one main service, sometimes one or two it is usually hurt with.
  let main = random.weighted(SERVICES.map((service) => [service, service.weight] as const));
  let category = random.weighted(CATEGORIES.map((item) => [item, item.weight] as const));
  // A repeat: a later incident in the same service with the same failure; most say so
  // (repeatOf), some do not — the ones docs/similar.md is for.
  let repeatOf: string | undefined;
  let repeats: Made['repeats'];
  let same: Failure | undefined;
  const related: string[] = [];
  const linked = random.chance(0.07);
  if (earlier.length && (linked || random.chance(0.04))) {
    const target = earlier[earlier.length - 1 - Math.min(earlier.length - 1, Math.floor(random.next() * random.next() * earlier.length))];
    if (linked) repeatOf = target.id;
    repeats = { repeats: target.id, linked };
    same = target.failure;
    main = SERVICES.find((service) => service.slug === target.services[0]) ?? main;
    category = CATEGORIES.find((item) => item.key === target.category) ?? category;
    if (linked && random.chance(0.6)) related.push(target.id);
  }
  const services = [main.slug, ...random.sample(main.near, random.weighted([[0, 50], [1, 35], [2, 15]] as const))];
  if (earlier.length && random.chance(0.12)) {
    const sharing = earlier.slice(-400).filter((item) => item.id !== repeatOf && item.services.some((service) => services.includes(service)));
    for (const item of random.sample(sharing, random.int(1, 2))) related.push(item.id);
  }

  const zone = random.chance(0.8) ? SETTINGS_ZONE : random.pick(ZONES);
  const other = services[1] ?? random.pick(main.near);
  const team = main.team;
  const fill: Fill = {
    service: () => main.slug,
    other: () => other,
    team: () => team,
    region: () => random.pick(REGIONS),
    vendor: () => random.pick(VENDORS),
    vendor_short: () => random.pick(['CDN', 'SMS', 'payments', 'email', 'DNS']),
    pct: () => String(random.int(12, 95)),
    minutes: () => String(random.int(6, 90)),
    n: () => String(random.int(3, 48)),
    ms: () => String(random.int(4, 40) * 100),
    table: () => random.pick(TABLES),
    version: () => `${random.int(3, 9)}.${random.int(0, 30)}`,
    hour: () => String(random.int(9, 19)),
    days: () => String(random.int(2, 20)),
    symptom: () => random.pick(SYMPTOMS),
    verb: () => random.pick(['return errors', 'time out', 'serve stale data', 'reject requests', 'respond slowly']),
    signal: () => random.pick(SIGNALS),
  };

  // The same failure told again in other words: the same part, trigger, symptom and whys, the root
  // cause summed up the same way half the time.
  const failure: Failure = same
    ? { ...same, summary: random.chance(0.5) ? same.summary : random.int(0, category.summaries.length - 1) }
    : { part: random.pick(FAILING_PARTS), trigger: random.pick(category.triggers), symptom: fill.symptom(), whys: random.int(0, category.whyChains.length - 1), summary: random.int(0, category.summaries.length - 1) };
  const title = titleFor(random, kind, main, fill, failure);
  const times = timeline(random, kind, severity, plan.start.setZone(zone), status, fill);
  const resolved = status === 'draft' && random.chance(0.5) ? undefined : times.resolved;
  const resolvedDate = (resolved ?? times.detected).setZone(zone).toISODate()!;
  const published = status === 'published';

  const lines: string[] = ['---'];
  const put = (key: string, value: string) => lines.push(`${key}: ${value}`);
  put('title', scalar(title));
  put('id', id);
  put('kind', kind);
  put('severity', severity);
  if (status !== 'published' || random.chance(0.5)) put('status', status);
  put('visibility', random.chance(0.3) ? 'public' : 'internal');
  put('services', flow(services));
  put('teams', flow([...new Set([team, ...services.slice(1).map((slug) => SERVICES.find((s) => s.slug === slug)!.team)])]));
  put('tags', flow(random.sample(category.tags, random.int(1, 4))));
  if (zone !== SETTINGS_ZONE) put('timezone', zone);
  put('started', iso(times.started));
  put('detected', iso(times.detected));
  if (resolved) put('resolved', iso(resolved));
  if (resolved && published && random.chance(0.8)) put('reportCompleted', iso(resolved.plus({ minutes: random.int(90, 23 * 60) })));
  const method = kind === 'missed-deadline' || kind === 'lost-deal' ? 'internal-discovery' : random.weighted([['monitoring', 65], ['customer-report', 20], ['internal-discovery', 15]] as const);
  lines.push('detection:', `  method: ${method}`);
  if (random.chance(0.6)) lines.push(`  notes: ${scalar(method === 'monitoring' ? `${capitalise(fill.signal())} alert on ${main.slug}` : method === 'customer-report' ? `Support tickets from ${fill.region()} customers` : 'Found during a routine review')}`);
  const impact = impactFor(random, severity);
  lines.push('impact:', `  usersAffected: ${impact.users}`, `  revenueLost: ${impact.revenue}`, `  slaBreached: ${impact.sla}`);
  if (random.chance(0.8)) lines.push(`  summary: ${scalar(`${capitalise(main.slug)} ${fill.symptom()} for ${impact.users.toLocaleString('en-US')} users in ${fill.region()}.`)}`);
  lines.push('timeline:');
  for (const entry of times.entries) {
    lines.push(`  - at: "${entry.at}"`, `    event: ${scalar(entry.event)}`);
    if (entry.mark) lines.push(`    mark: ${entry.mark}`);
  }
  lines.push('whys:', ...category.whyChains[failure.whys].map((why, i) => `  - ${scalar(i === 1 ? `${template(why, fill)}; it came down to ${failure.part}` : template(why, fill))}`));
  lines.push('rootCause:', `  category: ${category.key}`, `  summary: ${scalar(category.summaries[failure.summary])}`);
  lines.push('factors:', ...factors(random, category.key));
  lines.push('wentWell:', ...random.sample(WENT_WELL, random.int(3, 5)).map((item) => `  - ${scalar(item)}`));
  lines.push('actions:', ...actions(random, category, resolvedDate, today, Boolean(resolved), fill, team));
  lines.push(...prevention(random, main));
  lines.push(...costBlock(random, impact.sla));
  if (plan.regulatory || random.chance(0.05)) lines.push(...regulatory(random, times.detected, zone));
  if (related.length) put('related', flow([...new Set(related)]));
  if (repeatOf) put('repeatOf', repeatOf);
  lines.push('---', '', narrative(random, fill, times.started.setZone(zone), category, failure.part), '');
  return { title, text: lines.join('\n'), published, category: category.key, services, failure, repeats };
}

function titleFor(random: Random, kind: string, main: ServiceInfo, fill: Fill, failure: Failure): string {
  const text = kind === 'incident'
    ? random.chance(0.5)
      ? `${capitalise(main.slug)} ${failure.symptom} after ${failure.trigger}`
      : `${fill.region()} ${main.slug} ${failure.symptom} for ${fill.minutes()} minutes after ${failure.trigger}`
    : template(random.pick(KIND_TRIGGERS[kind]), fill);
  if (text.length <= 130) return text;
  return text.slice(0, 130).replace(/\s+\S*$/, '');
}

interface TimelineOut {
  started: DateTime;
  detected: DateTime;
  resolved: DateTime;
  entries: { at: string; event: string; mark?: string }[];
}

const MARK_EVENTS: Record<string, string[]> = {
  alert: ['{signal} alert fires for {service}', 'First alert: {service} error rate above threshold', 'Support escalates customer reports about {service}'],
  notified: ['On-call for {team} acknowledges the page', 'Incident declared; {team} on-call joins the channel', 'Incident commander assigned and stakeholders notified'],
  investigating: ['Investigation starts from the {service} dashboards', 'Responders compare the failing requests with recent deploys', '{other} ruled out as the cause'],
  'root-cause': ['Cause identified in {service}', 'Root cause confirmed from the logs of {other}', 'The failing change is identified and linked in the channel'],
  'fix-deployed': ['Fix deployed to {service}', 'Rollback of {service} completes', 'Configuration corrected and applied to every region'],
  resolved: ['Error rates back to baseline; incident resolved', 'Monitoring confirms recovery; incident closed', 'Last affected request drained; incident resolved'],
};
const EVENTS = [
  'Error rate on {service} reaches {pct}%', 'Traffic shifted away from {region}', 'Status page updated', 'Vendor ticket opened with {vendor}',
  'Retries double the load on {other}', 'Deploys paused for {team}', 'Second responder from {team} joins', 'Mitigation attempt: restart of {service} pods',
  'Mitigation did not help; latency unchanged', 'Queue depth on {other} peaks', 'Customer support briefed with a holding reply', 'Feature flag turned off for {service}',
  'Capacity added to {service}', 'Partial recovery in {region}', 'Data checked for duplicates; none found', 'Update posted to the incident channel',
  'Cache warm-up for {service} begins', 'Error rate falls below {pct} per mille', 'Stakeholder update sent', 'Dashboards show {service} stabilising',
];

/**
 * Timeline instants and their `at` values. SEV-1 incidents are minute by minute (no gap over 15
 * minutes); entries after a local midnight (or a DST repeat) are written as full date-times, the
 * rest as HH:MM on the date of the entry before.
 */
function timeline(random: Random, kind: string, severity: string, started: DateTime, status: string, fill: Fill): TimelineOut {
  let count = random.weighted([[random.int(5, 9), 40], [random.int(10, 18), 40], [random.int(19, 40), 20]] as const);
  let gaps: number[];
  if (severity === 'SEV-1') {
    // SEV-1 timelines are minute by minute, whatever the kind (docs/format.md#warnings: settings.sev1MaxGapMinutes).
    gaps = Array.from({ length: count - 1 }, () => random.weighted([[random.int(1, 5), 45], [random.int(6, 10), 40], [random.int(11, 15), 15]] as const));
  } else {
    const hours = kind === 'missed-deadline' || kind === 'lost-deal'
      ? random.int(24, 24 * 30)
      : severity === 'SEV-3' ? random.weighted([[random.int(1, 8), 60], [random.int(9, 96), 40]] as const) : random.weighted([[random.int(1, 4), 60], [random.int(5, 48), 40]] as const);
    const total = Math.max(hours * 60 - random.int(0, 50), count);
    count = Math.min(count, total + 1);
    const weights = Array.from({ length: count - 1 }, () => 0.2 + random.next());
    const sum = weights.reduce((a, b) => a + b, 0);
    gaps = weights.map((weight) => Math.max(1, Math.round((weight / sum) * total)));
  }
  const instants = [started];
  for (const gap of gaps) instants.push(instants[instants.length - 1].plus({ minutes: gap }));
  // Detection: usually the second or third entry.
  const detectedAt = Math.min(count - 2, random.weighted([[1, 60], [2, 30], [3, 10]] as const));
  const marks = new Map<number, string>([[detectedAt, 'alert']]);
  const later = ['notified', 'investigating', 'root-cause', 'fix-deployed'];
  let index = detectedAt + 1;
  for (const mark of later) {
    if (index >= count - 1) break;
    marks.set(index, mark);
    index += random.int(1, Math.max(1, Math.floor((count - index) / 3)));
  }
  const unresolved = status === 'draft';
  if (!unresolved) marks.set(count - 1, 'resolved');
  const zone = started.zoneName!;
  let day = started.toISODate();
  const entries = instants.map((at, i) => {
    const clock = at.toFormat('HH:mm');
    const sameDay = at.toISODate() === day && DateTime.fromISO(`${day}T${clock}`, { zone }).toMillis() === at.toMillis();
    day = at.toISODate();
    const mark = marks.get(i);
    const event = template(i === 0 ? 'Impact starts: {service} {symptom}' : random.pick(mark ? MARK_EVENTS[mark] : EVENTS), fill);
    return { at: sameDay ? clock : iso(at), event: capitalise(event), ...(mark ? { mark } : {}) };
  });
  return { started, detected: instants[detectedAt], resolved: instants[count - 1], entries };
}

function impactFor(random: Random, severity: string): { users: number; revenue: number; sla: boolean } {
  if (severity === 'SEV-1') return { users: random.int(5, 500) * 1000, revenue: random.int(5, 400) * 1000, sla: random.chance(0.7) };
  if (severity === 'SEV-2') return { users: random.int(1, 500) * 100, revenue: random.chance(0.5) ? random.int(0, 60) * 500 : 0, sla: random.chance(0.25) };
  return { users: random.chance(0.6) ? 0 : random.int(1, 400), revenue: 0, sla: false };
}

const FACTOR_KEYS = CATEGORIES.map((item) => item.key);
const FACTOR_NOTES = ['Seen in earlier incidents too', 'No owner for this area', 'Known gap, not yet scheduled', 'Partly covered by the new checklist', 'Only one person knew the details'];

function factors(random: Random, category: string): string[] {
  const contributing = new Set(random.sample(FACTOR_KEYS.filter((key) => key !== category), random.int(1, 4)));
  return [...FACTOR_KEYS].sort(factorOrder).map((key) => {
    const score = key === category ? random.int(2, 3) : contributing.has(key) ? random.int(1, 2) : random.chance(0.2) ? 1 : 0;
    return score > 0 && random.chance(0.3) ? `  ${key}: { score: ${score}, notes: ${scalar(random.pick(FACTOR_NOTES))} }` : `  ${key}: ${score}`;
  });
}

/** The order docs/format.md#analysis lists the factors in. */
const FACTOR_ORDER = ['monitoring', 'testing', 'documentation', 'process', 'knowledge-concentration', 'capacity', 'third-party', 'communication', 'change-management', 'technical-debt'];
function factorOrder(a: string, b: string): number {
  return FACTOR_ORDER.indexOf(a) - FACTOR_ORDER.indexOf(b);
}

function actions(random: Random, category: CategoryText, resolvedDate: string, today: string, resolved: boolean, fill: Fill, team: string): string[] {
  const count = random.weighted([[1, 8], [2, 18], [3, 24], [4, 20], [5, 14], [6, 8], [7, 5], [8, 3]] as const);
  const base = DateTime.fromISO(resolvedDate);
  const lines: string[] = [];
  const titles = [...random.shuffle(category.actions), ...random.shuffle(GENERIC_ACTIONS)];
  for (let i = 0; i < count; i++) {
    const priority = random.weighted([['P0', 15], ['P1', 40], ['P2', 45]] as const);
    const limit = DateTime.fromISO(deadlineLimit(priority, resolvedDate));
    const span = Math.max(0, Math.round(limit.diff(base, 'days').days));
    const deadline = base.plus({ days: priority === 'P0' ? span : random.int(Math.min(span, priority === 'P1' ? 2 : 7), span) });
    const deadlineText = deadline.toISODate()!;
    const past = deadlineText < today;
    const status = !resolved
      ? random.pick(['open', 'in-progress'] as const)
      : past
        ? random.weighted([['done', 72], ['wont-do', 8], ['open', 10], ['in-progress', 10]] as const)
        : random.weighted([['done', 20], ['open', 45], ['in-progress', 35]] as const);
    const owner = random.chance(0.15) ? random.pick(PEOPLE) : random.chance(0.6) ? team : random.pick(EXTRA_OWNERS);
    lines.push(`  - title: ${scalar(template(titles[i], fill))}`, `    owner: ${scalar(owner)}`, `    deadline: ${deadlineText}`, `    priority: ${priority}`, `    status: ${status}`);
    if (status === 'done') {
      let completed = deadline.plus({ days: random.weighted([[random.int(-5, 0), 75], [random.int(1, 20), 25]] as const) });
      if (completed < base) completed = base;
      if (completed.toISODate()! > today) completed = DateTime.fromISO(today);
      lines.push(`    completed: ${completed.toISODate()}`);
    }
    if (random.chance(0.7)) lines.push(`    ticket: https://tracker.example.com/${team.toUpperCase().replace(/-/g, '')}-${random.int(1000, 9999)}`);
  }
  return lines;
}

function prevention(random: Random, main: ServiceInfo): string[] {
  if (random.chance(0.15)) return [];
  const lines = ['prevention:'];
  lines.push(`  monitoring: ${random.chance(0.6) ? scalar(`Added a ${random.pick(SIGNALS)} alert for ${main.slug}`) : 'null'}`);
  lines.push(`  runbook: ${random.chance(0.6) ? scalar(`Updated the ${main.slug} runbook`) : 'null'}`);
  lines.push(`  tests: ${random.chance(0.5) ? scalar(`New regression tests in the ${main.slug} pipeline`) : 'null'}`);
  const roll = random.next();
  if (roll < 0.2) lines.push(`  architectureChange: { needed: true, rfc: https://docs.example.com/rfc/${String(random.int(1, 400)).padStart(4, '0')} }`);
  else if (roll < 0.4) lines.push('  architectureChange: { needed: false }');
  if (random.chance(0.3)) lines.push(`  training: ${scalar(`Game day for ${main.team} on-call`)}`);
  return lines;
}

function costBlock(random: Random, sla: boolean): string[] {
  if (random.chance(0.1)) return [];
  const lines = ['cost:'];
  if (sla) lines.push(`  slaCredits: ${random.int(1, 60) * 500}`);
  if (random.chance(0.3)) lines.push(`  vendorCosts: ${random.int(1, 40) * 250}`);
  lines.push(`  engineeringHours: ${random.int(2, 160)}`);
  if (random.chance(0.1)) lines.push(`  loadedRate: ${random.pick([120, 150, 180])}`);
  if (random.chance(0.25)) lines.push(`  churn: { probability: ${random.pick([0.001, 0.002, 0.005, 0.01])}, ltv: ${random.int(2, 20) * 100} }`);
  if (random.chance(0.15)) lines.push(`  brand: ${random.int(1, 30) * 1000}`);
  return lines;
}

function regulatory(random: Random, detected: DateTime, zone: string): string[] {
  const framework = random.pick(FRAMEWORKS);
  const lines = ['regulatory:', `  frameworks: [${framework}]`];
  if (framework === 'osha') lines.push(`  osha: ${random.pick(['fatality', 'hospitalisation'])}`);
  const discovered = random.chance(0.5) ? detected.plus({ minutes: random.int(10, 600) }).setZone(zone) : undefined;
  if (discovered) lines.push(`  discovered: ${iso(discovered)}`);
  if (random.chance(0.6)) lines.push('  notified:', `    ${framework}: ${iso((discovered ?? detected).plus({ hours: random.int(2, 70) }).setZone(zone))}`);
  return lines;
}

/** The MDX narrative: 300–900 words of prose with lists, a GFM table and a code block. */
function narrative(random: Random, fill: Fill, started: DateTime, category: CategoryText, part: string): string {
  const target = random.int(300, 900);
  const local: Fill = { ...fill, time: () => started.toFormat('HH:mm'), date: () => started.toFormat('d LLLL yyyy'), stamp: () => started.plus({ minutes: random.int(0, 30) }).toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'") };
  // Draw sentences like cards from a shuffled deck, so a narrative does not repeat itself.
  let deck: string[] = [];
  const sentence = () => {
    if (!deck.length) deck = random.shuffle(BODY_SENTENCES);
    const lead = random.pick(LEADS);
    const text = template(deck.pop()!, local);
    return lead ? `${lead}${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
  };
  const paragraph = (n: number) => wrap(Array.from({ length: n }, sentence).join(' '));
  const found = random.pick([`The trail led to ${part}.`, `Responders traced it to ${part}.`, `What failed in the end was ${part}.`, `It took a while to see that ${part} was at the heart of it.`]);
  const parts: string[] = ['## What happened', '', wrap(`${template(random.pick(OPENINGS), local)} ${Array.from({ length: random.int(2, 4) }, sentence).join(' ')} ${found}`), ''];
  const details: string[] = ['## Details', ''];
  const [language, code] = random.pick(SNIPPETS);
  const table = [
    '| Metric | Before | During | After |',
    '| --- | ---: | ---: | ---: |',
    `| Error rate | 0.${random.int(1, 9)}% | ${local.pct()}% | 0.${random.int(1, 9)}% |`,
    `| p99 latency | ${random.int(1, 9) * 40} ms | ${local.ms()} ms | ${random.int(1, 9) * 40} ms |`,
    `| Requests per second | ${random.int(2, 90) * 100} | ${random.int(2, 90) * 100} | ${random.int(2, 90) * 100} |`,
  ];
  details.push(paragraph(random.int(2, 3)), '', ...table, '', paragraph(random.int(1, 2)), '', `\`\`\`${language}`, template(code, local), '```', '');
  const steps = ['## Contributing factors', '', ...Array.from({ length: random.int(3, 5) }, (_, i) => `${i + 1}. ${template(deck.pop() ?? random.pick(BODY_SENTENCES), local)}`), ''];
  const lessons = ['## Lessons', '', ...random.sample(LESSONS, random.int(2, 4)).map((lesson) => `- ${lesson}`), ''];
  parts.push(...details, ...steps);
  // Top up to the target length with more paragraphs under "Details" and "Follow-up".
  let words = countWords([...parts, ...lessons].join('\n'));
  const more: string[] = [];
  while (words < target) {
    const extra = paragraph(random.int(2, 5));
    more.push(extra, '');
    words += countWords(extra);
  }
  if (more.length) parts.push('## Follow-up', '', `The root cause falls under ${category.key}; the actions below track the work.`, '', ...more);
  parts.push(...lessons);
  return parts.join('\n').trimEnd();
}

/** Words of prose: code fences left out. */
export function countWords(markdown: string): number {
  return markdown.replace(/```[\s\S]*?```/g, ' ').split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

function template(text: string, fill: Fill): string {
  return text.replace(/\{(\w+)\}/g, (match, key: string) => (fill[key] ? fill[key]() : match));
}

function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).replace(/-[^-]*$/, '');
}

function iso(time: DateTime): string {
  return time.toISO({ suppressMilliseconds: true })!;
}

function flow(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

/** A YAML scalar: plain when it is safe to write plain, double-quoted otherwise. */
function scalar(text: string): string {
  const plain = /^[A-Za-z][^:#"'{}[\],&*!|>%@`\n]*$/.test(text) && !/\s$/.test(text) && !/^(?:true|false|null|yes|no|on|off)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

