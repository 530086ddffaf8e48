import type { Postmortem } from '../schemas/postmortem.ts';

/*
 * The public build (docs/site.md#public-build) redacts here, in the data every page and file is made from, before
 * any figure is computed: a page that forgets to hide something can only show what is no longer
 * there. Components and record builders also leave out the empty places (library.public).
 */

/**
 * What of a post-mortem a public build may hold: no money (revenue lost counts as 0 and the cost
 * block is gone, so every cost derived from them is 0 and no list can rank by it), no action
 * owners (an empty owner, which the schema never lets through, means "withheld"), and no link to a
 * post-mortem the build does not show.
 */
export function publicView(pm: Postmortem, shown: ReadonlySet<string>): Postmortem {
  return {
    ...pm,
    impact: { ...pm.impact, revenueLost: 0 },
    cost: undefined,
    actions: pm.actions.map((action) => ({ ...action, owner: '' })),
    related: pm.related.filter((id) => shown.has(id)),
    repeatOf: pm.repeatOf !== undefined && shown.has(pm.repeatOf) ? pm.repeatOf : undefined,
  };
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
