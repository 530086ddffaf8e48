import { z } from 'astro/zod';
import { nonBlank } from './common.ts';

export const MILESTONES = ['alert', 'notified', 'investigating', 'root-cause', 'fix-deployed', 'resolved'] as const;

/** One timeline entry. */
export const timelineEntrySchema = z.strictObject({
  /** `HH:MM` on the date of the entry before (the first: the start date), or a full date-time with offset. */
  at: z.string({ error: 'must be a time "HH:MM" or a date-time with an offset; quote it: at: "09:12"' }),
  /** What happened, in one line. */
  event: nonBlank('must say what happened'),
  /** Optional milestone this entry marks. */
  mark: z.enum(MILESTONES).optional(),
});

export const timelineSchema = z.array(timelineEntrySchema).min(2, 'needs at least 2 entries: when it started and when it was resolved');

export type TimelineEntry = z.output<typeof timelineEntrySchema>;
