import { z } from 'astro/zod';
import { isoDateIn, httpUrl, nonBlank, unknownOr, type DateRange } from './common.ts';

export const PRIORITIES = ['P0', 'P1', 'P2'] as const;
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;

/** One follow-up action: every action has an owner and a deadline. */
export function actionSchemaIn(dates?: { deadline: DateRange; completed: DateRange }) {
  // With `dates`, the deadline and completed date must fall in those ranges (postmortem.ts builds them from today).
  return z
    .strictObject({
      /** What will be done. */
      title: nonBlank('must say what will be done'),
      /** The team or person who owns it. */
      owner: unknownOr(z.string({ error: 'must name the team or person who owns it, e.g. owner: payments-sre' }).regex(/\S/, 'every action needs an owner')),
      /** Due date, YYYY-MM-DD. */
      deadline: unknownOr(isoDateIn(dates?.deadline)),
      /** P0 (next business day), P1 (7 days), P2 (31 days). */
      priority: unknownOr(z.enum(PRIORITIES)),
      /** open | in-progress | done | wont-do; unknown: never counted open, overdue or done. */
      status: unknownOr(z.enum(ACTION_STATUSES)),
      /** Date it was done; required when status is done, forbidden otherwise. */
      completed: isoDateIn(dates?.completed).optional(),
      /** Link to the ticket that tracks it. */
      ticket: httpUrl.optional(),
    })
    .superRefine((action, ctx) => {
      // A done action without its date is allowed only in an imported post-mortem: postmortem.ts.
      if (action.status !== 'done' && action.status !== null && action.completed !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['completed'], message: `is only allowed when status is done (this action is ${action.status}); remove it or set status: done` });
      }
    }, {
      // An unknown key's issue has no path yet while checks run (zod adds it when parsing ends).
      when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'status' || issue.path?.[0] === 'completed'),
    });
}

// An action with any dates: the shape, for types.
export const actionSchema = actionSchemaIn();

export type Action = z.output<typeof actionSchema>;
