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
