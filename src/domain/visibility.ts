import type { Postmortem } from '../schemas/postmortem.ts';
import type { Settings } from '../schemas/settings.ts';
import type { QuarterStats } from './quarters.ts';
import type { CategoryGroup, ServiceGroup } from './groups.ts';

/*
 * The public build (docs/site.md#public-build) redacts here, and only here. `buildLibrary` hands
 * pages a model with no money, no action owners and no link to a post-mortem it does not show:
 * every money figure is `Withheld` — absent, not 0 — so a page shows a money figure only where the
 * model holds one, and cannot print what it was never given. The whole-output scan of
 * tests/public.test.ts stays as the net.
 */

/**
 * A money figure a public build withholds: the model holds no amount there, not even 0. Distinct
 * from `null`, which is a figure with no data.
 */
export type Withheld = undefined;

/** An amount of money in the model: a number, or `Withheld` in a public build. */
export type Money = number | Withheld;

/**
 * Whether the model holds every one of some amounts, none withheld: what a page asks before it
 * gives them a column, a chart or a sentence.
 */
export function isHeld(amounts: readonly Money[]): amounts is number[] {
  return amounts.every((amount) => amount !== undefined);
}

/** A post-mortem as the library model holds it: in a public build, its revenue lost is withheld. */
export type ModelPostmortem = Omit<Postmortem, 'impact'> & { impact: Omit<Postmortem['impact'], 'revenueLost'> & { revenueLost: Money | null } };

/** The settings as the library model holds them: in a public build, the default loaded rate is withheld. */
export type ModelSettings = Omit<Settings, 'loadedRate'> & { loadedRate: Money };

/**
 * What of a post-mortem a public build may hold: no money (revenue lost is withheld and the cost
 * block is gone, so its cost and every figure summed from it are withheld too), no action owners
 * (an empty owner, which the schema never lets through, means "withheld"), and no link to a
 * post-mortem the build does not show.
 */
export function publicView(pm: Postmortem, shown: ReadonlySet<string>): ModelPostmortem {
  return {
    ...pm,
    impact: { ...pm.impact, revenueLost: undefined },
    cost: undefined,
    actions: pm.actions.map((action) => ({ ...action, owner: '' })),
    related: pm.related.filter((id) => shown.has(id)),
    repeatOf: pm.repeatOf !== undefined && shown.has(pm.repeatOf) ? pm.repeatOf : undefined,
  };
}

/** The settings a public build may hold: without the default loaded rate, an internal figure. */
export function publicSettings(settings: Settings): ModelSettings {
  return { ...settings, loadedRate: undefined };
}

// A public build's library-wide figures are worked out from money-free post-mortems, so they rank
// as if every cost were 0; their totals, a quiet quarter's and an empty category's included, are
// then withheld.

/** A quarter's figures without its total cost, or the change in it. */
export function publicQuarter(stats: QuarterStats): QuarterStats {
  return { ...stats, totalCost: undefined, change: stats.change && { ...stats.change, totalCost: undefined } };
}

/** A root-cause category's figures without its total cost. */
export function publicCategory(group: CategoryGroup): CategoryGroup {
  return { ...group, totalCost: undefined };
}

/** A service's figures without its total cost, or that of any of its root causes. */
export function publicService(group: ServiceGroup): ServiceGroup {
  return { ...group, totalCost: undefined, categories: group.categories.map((category) => ({ ...category, totalCost: undefined })) };
}

/** What a public build's leak check reads of each post-mortem. */
export interface LeakSubject {
  id: string;
  title: string;
  visibility: 'public' | 'internal';
  /** The texts of the post-mortem a public build may show: its narrative and its prose fields. */
  texts: { path: readonly PropertyKey[]; text: string }[];
}

export interface Leak {
  id: string;
  path: readonly PropertyKey[];
  /** Where in that text the internal post-mortem is named. */
  index: number;
  message: string;
}

/** Titles shorter than this are too generic to say that a text names that post-mortem. */
const DISTINCT_TITLE = 16;

/**
 * Where a public post-mortem names an internal one — its id (alone or in a page link such as
 * /incidents/INC-2026-004/) or its title — in a text the public build publishes. The build leaves
 * internal post-mortems out, but text that names them would still tell readers they exist.
 */
export function publicLeaks(subjects: readonly LeakSubject[]): Leak[] {
  const internal = subjects.filter((subject) => subject.visibility !== 'public');
  if (!internal.length) return [];
  const byId = new Map(internal.map((subject) => [subject.id.toLowerCase(), subject]));
  const titles = internal.filter((subject) => subject.title.trim().length >= DISTINCT_TITLE).map((subject) => ({ subject, title: subject.title.trim().toLowerCase() }));
  const leaks: Leak[] = [];
  const message = (named: LeakSubject, how: string) =>
    `${how} the internal post-mortem ${named.id} ("${named.title}"), which a public build leaves out; a public post-mortem must not name or link internal ones — remove it, or make ${named.id} public too`;
  for (const subject of subjects) {
    if (subject.visibility !== 'public') continue;
    for (const { path, text } of subject.texts) {
      for (const token of text.matchAll(/[A-Za-z0-9][A-Za-z0-9._-]*/g)) {
        const named = byId.get(token[0].replace(/[._-]+$/, '').toLowerCase());
        if (named && named.id !== subject.id) leaks.push({ id: subject.id, path, index: token.index, message: message(named, 'names') });
      }
      const lower = text.toLowerCase();
      for (const { subject: named, title } of titles) {
        const index = lower.indexOf(title);
        if (index !== -1 && named.id !== subject.id) leaks.push({ id: subject.id, path, index, message: message(named, 'quotes the title of') });
      }
    }
  }
  return leaks;
}
