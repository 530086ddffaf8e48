import type { ActionItem, Incident } from './library.ts';
import type { QuarterStats } from './quarters.ts';
import { previousQuarter } from './quarters.ts';
import { TREND_MINIMUM, categoryShares, quarterDays, repeatPairs, stillOpen } from './review.ts';
import { actionTiming, formatDate, formatMinutes } from './format.ts';
import { ACTION_STATUS_LABELS, KIND_LABELS, humanize } from './labels.ts';
import { KINDS } from '../schemas/postmortem.ts';
import { formatCount, formatMoney, plural } from '../core/numbers.ts';

/*
 * A quarter's review as Markdown to paste into meeting notes (/quarters/<quarter>/review.md,
 * docs/site.md#the-quarterly-review): the agenda of the review page, in its order, with the
 * figures of quarters.json. Pure: data in, text out.
 */

export interface ReviewNotesInput {
  stats: QuarterStats;
  /** Every post-mortem shown of the quarter; only published ones count. */
  incidents: readonly Incident[];
  /** Every post-mortem shown, for the ones a repeat repeats. */
  byId: ReadonlyMap<string, Incident>;
  settings: { name: string; currency: string; timezone: string; severities: readonly { id: string; label: string }[] };
  /** The build's today, YYYY-MM-DD. */
  today: string;
  /** The absolute URL of a site path, so links work from wherever the notes are pasted. */
  link: (path: string) => string;
}

/** Text as Markdown shows it literally: its punctuation escaped, on one line. */
export function markdownText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|#~]/g, (character) => `\\${character}`);
}

const UNKNOWN = 'unknown';

/** Rounded for reading, not for sums: minutes and counts to a tenth. */
const tenth = (value: number) => Math.round(value * 10) / 10;

/** Minutes as quarters.json has them, to a tenth, and in hours and days where that reads better: `404 min (6 h 44 min)`. */
export function notesMinutes(minutes: number | null): string {
  if (minutes === null) return UNKNOWN;
  const exact = `${formatCount(tenth(minutes))} min`;
  return minutes >= 60 ? `${exact} (${formatMinutes(minutes)})` : exact;
}

/** A share 0–1 as a percentage to a tenth: 0.8571 → `85.7%`. */
export function notesRate(share: number | null): string {
  return share === null ? UNKNOWN : `${formatCount(tenth(share * 100))}%`;
}

/** A change with its sign, or what there is to say instead. */
function signed(delta: number | null | undefined, write: (size: number) => string): string {
  if (delta === undefined) return '—';
  if (delta === null) return UNKNOWN;
  if (Math.abs(delta) < 1e-9) return 'no change';
  return `${delta > 0 ? '+' : '−'}${write(Math.abs(delta))}`;
}

/** The quarter's review, as Markdown. */
export function reviewNotes({ stats, incidents, byId, settings, today, link }: ReviewNotesInput): string {
  const { quarter, change } = stats;
  const counted = incidents.filter((incident) => incident.counted);
  const previous = change ? previousQuarter(quarter) : undefined;
  const days = quarterDays(stats);
  const withCost = stats.totalCost !== undefined;
  const money = (amount: number) => formatMoney(amount, settings.currency);
  const pm = (incident: Pick<Incident, 'id' | 'title' | 'url'>) => `[${markdownText(incident.id)}](${link(`/incidents/${incident.id}/`)}) ${markdownText(incident.title)}`;
  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);

  add(`# Incident review: ${quarter}`, '');
  add(
    `${markdownText(settings.name)} · ${formatDate(days.first)} to ${formatDate(days.last)} (${settings.timezone}) · ${plural(stats.count, 'published post-mortem')} · ` +
      `figures as of ${formatDate(today)}${stats.current ? ', while the quarter is still running' : ''}`,
    '',
    `On the site: ${link(`/quarters/${quarter}/`)}`,
    '',
  );
  if (stats.count > 0 && stats.count < TREND_MINIMUM) {
    add(`> Only ${plural(stats.count, 'post-mortem')} in ${quarter}: too few to read a trend. Read the post-mortems themselves.`, '');
  }

  const agenda = [
    'Headline figures',
    'Severity and kind',
    'Where to invest in prevention',
    'Repeat incidents',
    'Overdue actions by owner',
    ...(withCost ? ['Cost'] : []),
    `Post-mortems of ${quarter}`,
    'Decisions and new actions',
  ];
  add('## Agenda', '', ...agenda.map((item, index) => `${index + 1}. ${item}`), '');
  let section = 0;
  const heading = () => add(`## ${++section}. ${agenda[section - 1]}`, '');

  // 1. The figures of quarters.json, rounded only for reading; unknown where it has null.
  heading();
  const recorded = (count: number) => (count < stats.count ? ` from ${count} of ${stats.count}` : '');
  // No change to give for the first quarter on record ('—'); unknown where either quarter has no figure.
  const delta = <T>(pick: (figures: NonNullable<QuarterStats['change']>) => T) => (change ? pick(change) : undefined);
  const minutesChange = (value: number | null | undefined) => signed(value, (size) => `${formatCount(tenth(size))} min`);
  const pointsChange = (value: number | null | undefined) => signed(value, (size) => `${formatCount(tenth(size * 100))} points`);
  const rows: [string, string, string][] = [
    ['Post-mortems', formatCount(stats.count), signed(delta((c) => c.count), formatCount)],
    [`MTTD, median${recorded(stats.recorded.detect)}`, notesMinutes(stats.mttd.median), minutesChange(delta((c) => c.mttdMedian))],
    [`MTTD, mean${recorded(stats.recorded.detect)}`, notesMinutes(stats.mttd.mean), minutesChange(delta((c) => c.mttdMean))],
    [`MTTR, median${recorded(stats.recorded.resolve)}`, notesMinutes(stats.mttr.median), minutesChange(delta((c) => c.mttrMedian))],
    [`MTTR, mean${recorded(stats.recorded.resolve)}`, notesMinutes(stats.mttr.mean), minutesChange(delta((c) => c.mttrMean))],
    ['Actions completed (done ÷ all but won’t-do)', notesRate(stats.actionCompletionRate), pointsChange(delta((c) => c.actionCompletionRate))],
    ['Done on time (by the deadline ÷ done)', notesRate(stats.onTimeRate), pointsChange(delta((c) => c.onTimeRate))],
    ['Repeat incidents', formatCount(stats.repeats), signed(delta((c) => c.repeats), formatCount)],
    // Only where the model holds the money: never in a public build.
    ...(stats.totalCost === undefined ? [] : [['Total cost', money(stats.totalCost), signed(delta((c) => c.totalCost ?? null), money)] as [string, string, string]]),
  ];
  add(`| Figure | ${quarter} | Change from ${previous ?? 'the quarter before (none on record)'} |`, '|---|--:|--:|');
  add(...rows.map(([label, value, delta]) => `| ${label} | ${value} | ${delta} |`), '');

  // 2.
  heading();
  const counts = (count: number, delta: number | undefined) => `${formatCount(count)}${change ? ` (${signed(delta ?? 0, formatCount)})` : ''}`;
  add(`- Severity: ${settings.severities.map(({ id, label }) => `${markdownText(id)} ${markdownText(label)} ${counts(stats.bySeverity[id] ?? 0, change?.bySeverity[id])}`).join(' · ')}`);
  add(`- Kind: ${KINDS.map((kind) => `${KIND_LABELS[kind]} ${counts(stats.byKind[kind], change?.byKind[kind])}`).join(' · ')}`, '');

  // 3.
  heading();
  const top = categoryShares(counted, stats.topCategories);
  if (top.length === 0) add('No root cause to rank this quarter.');
  for (const [index, category] of top.entries()) {
    const cost = withCost && category.totalCost !== undefined ? ` · ${money(category.totalCost)}` : '';
    add(`${index + 1}. [${markdownText(humanize(category.category))}](${link(`/categories/${category.category}/`)}): ${plural(category.count, 'post-mortem')}${cost}`);
  }
  add('');

  // 4.
  heading();
  const repeats = repeatPairs(counted, byId);
  if (repeats.length === 0) add(`No repeat incident in ${quarter}.`);
  for (const { incident, of, detected } of repeats) {
    add(`- ${pm(incident)}, repeating ${of ? pm(of) : 'an earlier post-mortem'} (${detected ? 'detected: same root-cause category and a shared service' : 'declared in repeatOf'})`);
  }
  add('');

  // 5.
  heading();
  const open = stillOpen(counted);
  const all = counted.flatMap((incident) => incident.actions);
  const overdue = open.filter((action) => action.overdue);
  const action = (item: ActionItem, withOwner: boolean) =>
    `- [ ] ${markdownText(item.title)}${withOwner && item.owner !== undefined ? ` (${markdownText(item.owner)})` : ''} · [${markdownText(item.incident)}](${link(`/incidents/${item.incident}/`)}) · ` +
    `${item.deadline === null ? 'deadline not recorded' : `due ${formatDate(item.deadline)}`}${item.overdue ? `, ${actionTiming(item, today)!.toLowerCase()}` : ''} · ${item.priority ?? 'priority not recorded'}, ${ACTION_STATUS_LABELS[item.status!].toLowerCase()}`;
  if (all.length === 0) add(`The post-mortems of ${quarter} have no action items.`);
  else add(`${open.length} of ${plural(all.length, 'action')} from ${quarter}’s post-mortems ${open.length === 1 ? 'is' : 'are'} still open, ${overdue.length} overdue, as of ${formatDate(today)}.`);
  add('');
  // A public build's model names no owner: then one list, not one per owner.
  if (overdue.some((item) => item.owner !== undefined)) {
    const owners = [...new Set(overdue.map((item) => item.owner ?? ''))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
    for (const owner of owners) {
      add(`### ${owner === '' ? 'Owner not recorded' : markdownText(owner)}`, '', ...overdue.filter((item) => (item.owner ?? '') === owner).map((item) => action(item, false)), '');
    }
  } else if (overdue.length > 0) add(...overdue.map((item) => action(item, false)), '');
  const notYet = open.filter((item) => !item.overdue);
  if (notYet.length > 0) add('Open, not yet overdue:', '', ...notYet.map((item) => action(item, true)), '');

  // 6. Only where the model holds the money (never in a public build).
  if (withCost) {
    heading();
    add(`Total: ${money(stats.totalCost!)}`, '');
    const costed = counted
      .map((incident) => ({ incident, total: incident.cost ? incident.cost.total : null }))
      .sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.incident.id.localeCompare(b.incident.id));
    add(...costed.map(({ incident, total }) => `- ${pm(incident)}: ${total === null ? UNKNOWN : money(total)}`), '');
  }

  // 7.
  heading();
  if (counted.length === 0) add('None.');
  for (const incident of counted) {
    const facts = [incident.severity ?? 'severity not recorded', KIND_LABELS[incident.kind], incident.category === null ? 'root cause not recorded' : humanize(incident.category), `MTTR ${formatMinutes(incident.timeToResolveMinutes).replace('—', UNKNOWN)}`];
    add(`- ${pm(incident)} · ${facts.map(markdownText).join(' · ')}`);
  }
  add('');

  // 8. Left for the meeting to fill in.
  heading();
  add('- ');
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
