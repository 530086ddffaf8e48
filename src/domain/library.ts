import { withBase } from '../core/urls.ts';
import type { Postmortem } from '../schemas/postmortem.ts';
import type { Action } from '../schemas/action.ts';
import type { Settings, FactorKey } from '../schemas/settings.ts';
import { FACTOR_KEYS } from '../schemas/settings.ts';
import { durations, cost, costInputs, type Cost, type Durations } from './figures.ts';
import { isOverdue, openActions } from './actions.ts';
import { quarterStats, type QuarterStats } from './quarters.ts';
import { actionSummary, byCategory, byService, type ActionSummary, type CategoryGroup, type ServiceGroup } from './groups.ts';
import { findRepeats, type Repeat } from './repeats.ts';
import { analyse, packer, similarText, SimilarityIndex, type SimilarMatch } from './similar.ts';
import { frameworkRules, obligations, type FrameworkRule, type Obligation } from './regulatory.ts';
import { millisOf, quarterOf, resolveTimeline } from '../core/time.ts';
// Also read by the schema, which bounds dates by it, so its home is time.ts.
import { PAGE_SIZE } from './paging.ts';
export { todayFrom } from '../core/time.ts';
import { publicCategory, publicQuarter, publicService, publicSettings, publicView, type ModelPostmortem, type ModelSettings, type Withheld } from './visibility.ts';

/** One post-mortem as the collection holds it. */
export interface EntryInput {
  id: string;
  /** Path of the file relative to the content root, e.g. `postmortems/2026/cdn-push.mdx`. */
  file: string;
  data: Postmortem;
  /**
   * Reads the narrative below the frontmatter, as written, when similarity needs it (similar.ts):
   * once, then let go, so 10,000 narratives are not held for the whole build.
   */
  narrative?: () => string | undefined;
}

/** One post-mortem as the model is built from it: in a public build, its public view. */
interface ModelEntry extends Omit<EntryInput, 'data'> {
  data: ModelPostmortem;
}

export interface BuildOptions {
  /** "Today" as YYYY-MM-DD in the settings time zone. */
  today: string;
  /** Show draft and in-review post-mortems (they never count in figures). */
  drafts: boolean;
  /** `public` keeps only post-mortems marked public. */
  visibility: 'all' | 'public';
  /** Rows per page of the long lists (docs/site.md#long-lists); PAGE_SIZE when not given. */
  pageSize?: number;
  /** The base path the site is hosted at (`/` when omitted): incident URLs sit under it. */
  base?: string;
}

export interface ActionItem extends Omit<Action, 'owner'> {
  /** Absent in a public build, which never shows who owns an action (docs/site.md#public-build). */
  owner?: string;
  incident: string;
  overdue: boolean;
  /** From an imported post-mortem: a missing ticket is not recorded rather than none. */
  imported?: true;
}

export interface TimelineItem {
  /** The instant, ISO with offset (for a date alone: the start of that day). */
  at: string;
  event: string;
  mark?: Postmortem['timeline'][number]['mark'];
  /** Written `~HH:MM`: about that time. */
  approximate?: boolean;
  /** Written as a date alone: some time that day. */
  dateOnly?: boolean;
}

export interface Factor {
  key: FactorKey;
  /** null: not recorded (imported post-mortems); left out of every mean. */
  score: number | null;
  notes?: string;
}

export interface Incident extends Durations {
  id: string;
  /** The page as a reader follows it, under the base path (docs/deploy.md): `/kb/incidents/INC-1/`. */
  url: string;
  file: string;
  /** Absent in a public build: its readers do not edit, and the file holds what the build leaves out. */
  editUrl?: string;
  /** The frontmatter; in a public build without money, owners or links to hidden post-mortems (`publicView`). */
  data: ModelPostmortem;
  title: string;
  kind: Postmortem['kind'];
  severity: Postmortem['severity'];
  status: Postmortem['status'];
  /** true for published post-mortems: the only ones that count in any figure. */
  counted: boolean;
  services: string[];
  /** null: not recorded. */
  category: string | null;
  /** The post-mortem's own zone for its timeline; settings.timezone when it has none. */
  timezone: string;
  quarter: string;
  /** Withheld in a public build, which publishes no money. */
  cost: Cost | Withheld;
  timeline: TimelineItem[];
  factors: Factor[];
  actions: ActionItem[];
  /** Reporting obligations of the frameworks it declares, with deadlines. */
  obligations: Obligation[];
  repeat: Repeat | null;
  /** Ids of post-mortems that repeat this one. */
  repeatedBy: string[];
  /** Ids related either way (this one names them, or they name this one). */
  related: string[];
}

export interface Library {
  /** In a public build without the default loaded rate (`publicSettings`). */
  settings: ModelSettings;
  today: string;
  /**
   * A public build (docs/site.md#public-build): only public post-mortems, and the model holds no money and no action
   * owners (visibility.ts), so pages have nothing to leave out and need not ask.
   */
  public: boolean;
  /** Every post-mortem shown on the site, newest first. */
  incidents: Incident[];
  /** Published post-mortems only, newest first: the ones every figure counts. */
  published: Incident[];
  byId: Map<string, Incident>;
  /** Rows per page of the long lists (docs/site.md#long-lists). */
  pageSize: number;
  /** Actions of published post-mortems. */
  actions: ActionItem[];

  // Library-wide figures, each worked out on first use and then kept, so that every page reads the
  // same numbers and none computes them again.

  /**
   * Every quarter from the first published post-mortem's to today's, quiet ones included, oldest
   * first, with its figures (docs/format.md#per-quarter-the-quarterly-review).
   */
  readonly quarters: QuarterStats[];
  /** Every root-cause category (those of settings.categories too), with its figures over `quarters`. */
  readonly categories: CategoryGroup[];
  /** Every affected service, with its figures. */
  readonly services: ServiceGroup[];
  /** Open actions of published post-mortems, overdue first (`openActions`). */
  readonly openActions: ActionItem[];
  /** The action tracker's figures as of today. */
  readonly actionSummary: ActionSummary;
  /**
   * Each shown post-mortem's most similar other shown post-mortems (docs/similar.md), best first:
   * never a draft in a build without drafts, never an internal one in a public build.
   */
  readonly similar: Map<string, SimilarMatch[]>;
}

const VISIBLE_STATUSES = new Set(['published']);

/** Builds the whole model every page reads, once per build. Pure: data in, data out. */
export function buildLibrary(entries: readonly EntryInput[], settings: Settings, options: BuildOptions): Library {
  const isPublic = options.visibility === 'public';
  const kept = entries.filter(
    (entry) => (options.drafts || VISIBLE_STATUSES.has(entry.data.status)) && (!isPublic || entry.data.visibility === 'public'),
  );
  const ids = new Set(kept.map((entry) => entry.id));
  const shown: ModelEntry[] = isPublic ? kept.map((entry) => ({ ...entry, data: publicView(entry.data, ids) })) : kept;
  const modelSettings: ModelSettings = isPublic ? publicSettings(settings) : settings;
  const counted = shown.filter((entry) => entry.data.status === 'published');
  const countedIds = new Set(counted.map((entry) => entry.id));
  const platform = new Set(settings.platformServices);
  // Repeats count between published post-mortems only, so a preview with drafts shows the same figures.
  const repeats = findRepeats(
    counted.map((entry) => ({
      id: entry.id,
      started: entry.data.started,
      category: entry.data.rootCause.category,
      // Shared infrastructure (settings.platformServices) does not make two incidents a repeat.
      services: entry.data.services.filter((service) => !platform.has(service)),
      repeatOf: entry.data.repeatOf && countedIds.has(entry.data.repeatOf) ? entry.data.repeatOf : undefined,
    })),
  );
  const rules = frameworkRules(settings.frameworks);
  const incidents = shown.map((entry) => toIncident(entry, modelSettings, options, repeats.get(entry.id) ?? null, ids, rules));
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  for (const incident of incidents) {
    if (incident.repeat) byId.get(incident.repeat.of)?.repeatedBy.push(incident.id);
    for (const other of incident.related) {
      const target = byId.get(other);
      if (target && !target.related.includes(incident.id)) target.related.push(incident.id);
    }
  }
  incidents.sort(newestFirst);
  const published = incidents.filter((incident) => incident.counted);
  const actions = published.flatMap((incident) => incident.actions);
  const { today } = options;
  const withhold = <T>(figures: T[], view: (figure: T) => T) => (isPublic ? figures.map(view) : figures);
  // A public build's totals are withheld, those of a quiet quarter or an empty category too.
  const quarters = once(() => withhold(quarterStats(published, today, settings.timezone, settings.severities.map((level) => level.id)), publicQuarter));
  const categories = once(() => withhold(byCategory(incidents, { quarters: quarters().map((stats) => stats.quarter), categories: settings.categories }), publicCategory));
  const services = once(() => withhold(byService(incidents), publicService));
  const open = once(() => openActions(actions));
  const summary = once(() => actionSummary(actions, today));
  // Only what the build shows is indexed: its words, and so the weight of each, come from those alone.
  const similar = once(() => {
    const pack = packer();
    const docs = shown.map((entry) => {
      const { features, forms } = analyse(similarText(entry.data, entry.narrative?.(), entry.id), platform);
      return { id: entry.id, started: entry.data.started, features: pack(features), forms };
    });
    return new SimilarityIndex(docs).all();
  });
  return {
    settings: modelSettings,
    today,
    public: isPublic,
    incidents,
    published,
    byId,
    actions,
    pageSize: options.pageSize ?? PAGE_SIZE,
    get quarters() {
      return quarters();
    },
    get categories() {
      return categories();
    },
    get services() {
      return services();
    },
    get openActions() {
      return open();
    },
    get actionSummary() {
      return summary();
    },
    get similar() {
      return similar();
    },
  };
}

/** `compute`, run on the first call only; later calls return what it returned. */
function once<T>(compute: () => T): () => T {
  let value: { result: T } | undefined;
  return () => (value ??= { result: compute() }).result;
}

function newestFirst(a: Incident, b: Incident): number {
  return millisOf(b.data.started) - millisOf(a.data.started) || a.id.localeCompare(b.id);
}

function toIncident(
  entry: ModelEntry,
  settings: ModelSettings,
  options: BuildOptions,
  repeat: Repeat | null,
  ids: Set<string>,
  rules: Record<string, FrameworkRule>,
): Incident {
  const pm = entry.data;
  const zone = pm.timezone ?? settings.timezone;
  const times = durations(pm);
  const inputs = costInputs(pm, settings.loadedRate);
  const resolvedTimeline = resolveTimeline(pm.timeline.map((item) => item.at), pm.started, zone);
  // An explicit repeatOf on a draft is still worth a link; detected repeats count published only.
  const ownRepeat = repeat ?? (pm.repeatOf && ids.has(pm.repeatOf) ? { of: pm.repeatOf, detected: false } : null);
  return {
    ...times,
    id: entry.id,
    url: withBase(options.base ?? '/', `/incidents/${entry.id}/`),
    file: entry.file,
    editUrl: settings.repository && options.visibility !== 'public' ? `${settings.repository.replace(/\/$/, '')}/${entry.file}` : undefined,
    data: pm,
    title: pm.title,
    kind: pm.kind,
    severity: pm.severity,
    status: pm.status,
    counted: pm.status === 'published',
    services: pm.services,
    category: pm.rootCause.category,
    timezone: zone,
    quarter: quarterOf(pm.started, settings.timezone),
    cost: inputs && cost(inputs.pm, times.durationMinutes, inputs.defaultLoadedRate),
    timeline: pm.timeline.map((item, index) => {
      const resolved = resolvedTimeline[index];
      return { at: resolved.at ?? pm.started, event: item.event, mark: item.mark, ...(resolved.approximate ? { approximate: true } : {}), ...(resolved.dateOnly ? { dateOnly: true } : {}) };
    }),
    // A factor not recorded (imported post-mortems) has a null score: left out of every mean.
    factors: FACTOR_KEYS.map((key) => {
      const value = pm.factors?.[key] ?? null;
      return value === null ? { key, score: null } : typeof value === 'number' ? { key, score: value } : { key, score: value.score, notes: value.notes };
    }),
    // An empty owner is one publicView withheld.
    actions: pm.actions.map(({ owner, ...action }) => ({ ...action, ...(owner ? { owner } : {}), incident: entry.id, overdue: isOverdue(action, options.today), ...(pm.imported ? { imported: true as const } : {}) })),
    obligations: obligations(pm.regulatory, pm.detected ?? pm.started, zone, options.today, rules),
    repeat: ownRepeat,
    repeatedBy: [],
    related: pm.related.filter((id) => ids.has(id)),
  };
}

