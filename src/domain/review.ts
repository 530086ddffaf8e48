import type { ActionItem, Incident } from './library.ts';
import type { QuarterStats } from './quarters.ts';
import type { CategoryGroup } from './groups.ts';
import { formatMinutes } from './format.ts';
import { formatCount, formatMoney, formatPercentValue, formatPoints, formatRate } from '../core/numbers.ts';
import { openActions } from './actions.ts';
import { previousQuarter } from './quarters.ts';
import { sumMoney } from './figures.ts';
import { isHeld, type Money } from './visibility.ts';

/*
 * What the quarterly review, category, service and action pages show beyond the figures of
 * quarters.ts and groups.ts: changes in words, the data behind each trend chart and its table, and
 * the shading of the factor heatmap (the JSON records are in records.ts). Pure: data in, data out.
 */

/** Under this many post-mortems a quarter's figures are anecdotes, not a trend. */
export const TREND_MINIMUM = 5;

// ---------------------------------------------------------------------------------------------
// Change against the previous quarter, in words

/** Which way is good for a figure: fewer minutes to detect is better, more actions done is better. */
export type Better = 'lower' | 'higher' | 'neither';

export interface ChangeText {
  /** ▲ up, ▼ down, empty for no change or no comparison. Decoration: `text` says the same. */
  arrow: '▲' | '▼' | '';
  /** `up 2 from 2025-Q4`, `no change from 2025-Q4`, `no figure in 2026-Q3 to compare with`. */
  text: string;
  /** better / worse when the figure has a good direction and moved; null otherwise. */
  verdict: 'better' | 'worse' | null;
}

export interface ChangeInput {
  /** This quarter's figure; null when it has none (a quiet quarter has no MTTR). */
  current: number | null;
  /** current − previous; null when either side has no figure. */
  delta: number | null;
  /** The previous quarter, e.g. `2025-Q4`; undefined for the first quarter on record. */
  previous: string | undefined;
  /** Writes the size of the change; always given a positive number. */
  format: (size: number) => string;
  better?: Better;
}

/** A figure's change against the previous quarter in words, for the review's headline figures. */
export function describeChange({ current, delta, previous, format, better = 'neither' }: ChangeInput): ChangeText {
  if (previous === undefined) return { arrow: '', text: 'first quarter on record', verdict: null };
  if (current === null) return { arrow: '', text: 'no data this quarter', verdict: null };
  if (delta === null) return { arrow: '', text: `no figure in ${previous} to compare with`, verdict: null };
  // Float noise (1 − 2/3 − 1/3) must not read as a change.
  if (Math.abs(delta) < 1e-9) return { arrow: '', text: `no change from ${previous}`, verdict: null };
  const up = delta > 0;
  const verdict = better === 'neither' ? null : up === (better === 'higher') ? 'better' : 'worse';
  return { arrow: up ? '▲' : '▼', text: `${up ? 'up' : 'down'} ${format(Math.abs(delta))} from ${previous}`, verdict };
}

/** The first and last calendar day (YYYY-MM-DD, local) of a quarter from its bounds. */
export function quarterDays(bounds: { start: string; end: string }): { first: string; last: string } {
  // `end` is the next quarter's first local midnight; the day before it is the last day.
  const next = Date.parse(`${bounds.end.slice(0, 10)}T00:00:00Z`);
  return { first: bounds.start.slice(0, 10), last: new Date(next - 86_400_000).toISOString().slice(0, 10) };
}

// ---------------------------------------------------------------------------------------------
// Charts and the tables beside them

export type ChartUnit = 'count' | 'minutes' | 'percent' | 'money';

export interface ChartSeries {
  key: string;
  label: string;
  /** One value per label; null where there is no data (drawn as a gap, written as "no data"). */
  data: (number | null)[];
}

/** Everything a trend chart and its data table need; the page renders it as JSON for the script. */
export interface ChartSpec {
  id: string;
  title: string;
  kind: 'bar' | 'line';
  /** Bars stacked, with a Total column in the table. */
  stacked: boolean;
  unit: ChartUnit;
  currency: string;
  xTitle: string;
  yTitle: string;
  labels: string[];
  series: ChartSeries[];
  /** The chart in one or two sentences, for its accessible name. */
  summary: string;
}

/** A value as the tables and summaries write it. Percent values are 0–100. */
export function formatValue(value: number | null, unit: ChartUnit, currency: string): string {
  if (value === null) return 'no data';
  switch (unit) {
    case 'count':
      return formatCount(value);
    case 'minutes':
      return formatMinutes(value);
    case 'percent':
      return formatPercentValue(value);
    case 'money':
      return formatMoney(value, currency);
  }
}

/**
 * The accessible summary of a chart: what it plots over which quarters, then for each series (or
 * the stacked total) its latest value and its highest. Screen-reader users get the table too.
 */
export function chartSummary(spec: Omit<ChartSpec, 'summary'>): string {
  const { labels, unit, currency } = spec;
  if (labels.length === 0) return `${spec.title}: no quarters to show yet.`;
  const span = labels.length === 1 ? labels[0] : `${labels[0]} to ${labels.at(-1)}`;
  const kind = spec.kind === 'line' ? 'Line chart' : spec.stacked ? 'Stacked bar chart' : 'Bar chart';
  const lines = spec.stacked ? [{ label: 'Total', data: totals(spec.series, labels.length) }] : spec.series;
  const parts = lines.map(({ label, data }) => {
    const known = data.flatMap((value, index) => (value === null ? [] : [{ value, quarter: labels[index] }]));
    if (known.length === 0) return `${label}: no data`;
    const latest = known.at(-1)!;
    const highest = known.reduce((best, point) => (point.value > best.value ? point : best));
    const show = (value: number) => formatValue(value, unit, currency);
    return `${label}: ${show(latest.value)} in ${latest.quarter}, highest ${show(highest.value)} in ${highest.quarter}`;
  });
  return `${kind}, ${spec.title.charAt(0).toLowerCase()}${spec.title.slice(1)}, ${span}. ${parts.join('; ')}. The table beside it gives every number.`;
}

/** Per-label sum of stacked series (nulls count as 0). */
export function totals(series: readonly ChartSeries[], length: number): number[] {
  return Array.from({ length }, (_, index) => series.reduce((sum, line) => sum + (line.data[index] ?? 0), 0));
}

function spec(input: Omit<ChartSpec, 'summary'>): ChartSpec {
  return { ...input, summary: chartSummary(input) };
}

const percent = (share: number | null) => (share === null ? null : share * 100);

/** The trend charts of /quarters/, oldest quarter first: five, or four where the model withholds the cost (a public build). */
export function quarterTrendCharts(stats: readonly QuarterStats[], currency: string): ChartSpec[] {
  const labels = stats.map((quarter) => quarter.quarter);
  const base = { currency, labels, xTitle: 'Quarter' };
  const costs = stats.map((quarter) => quarter.totalCost);
  return [
    spec({
      ...base,
      id: 'chart-severity',
      title: 'Post-mortems by severity',
      kind: 'bar',
      stacked: true,
      unit: 'count',
      yTitle: 'Post-mortems',
      // The team's levels (settings.severities), in the order quarterStats counted them.
      // Post-mortems whose severity nobody recorded (imported ones) stack as their own series, so
      // each bar still totals the quarter's post-mortems.
      series: [
        ...Object.keys(stats[0]?.bySeverity ?? {}).map((severity) => ({ key: severity, label: severity, data: stats.map((quarter) => quarter.bySeverity[severity]) })),
        ...(stats.some((quarter) => quarter.recorded.severity < quarter.count)
          ? [{ key: 'not-recorded', label: 'Severity not recorded', data: stats.map((quarter) => quarter.count - quarter.recorded.severity) }]
          : []),
      ],
    }),
    spec({
      ...base,
      id: 'chart-times',
      title: 'Median time to detect and to resolve',
      kind: 'line',
      stacked: false,
      unit: 'minutes',
      // The ticks carry their unit (15 min, 2 h), so the axis names the measure, not minutes.
      yTitle: 'Median time',
      series: [
        { key: 'mttd', label: 'MTTD median', data: stats.map((quarter) => quarter.mttd.median) },
        { key: 'mttr', label: 'MTTR median', data: stats.map((quarter) => quarter.mttr.median) },
      ],
    }),
    spec({
      ...base,
      id: 'chart-actions',
      title: 'Action completion and on-time rates',
      kind: 'line',
      stacked: false,
      unit: 'percent',
      yTitle: 'Percent of actions',
      series: [
        { key: 'completion', label: 'Completed', data: stats.map((quarter) => percent(quarter.actionCompletionRate)) },
        { key: 'on-time', label: 'Done on time', data: stats.map((quarter) => percent(quarter.onTimeRate)) },
      ],
    }),
    spec({
      ...base,
      id: 'chart-repeats',
      title: 'Repeat incidents',
      kind: 'bar',
      stacked: false,
      unit: 'count',
      yTitle: 'Repeats',
      series: [{ key: 'repeats', label: 'Repeats', data: stats.map((quarter) => quarter.repeats) }],
    }),
    ...(isHeld(costs)
      ? [
          spec({
            ...base,
            id: 'chart-cost',
            title: 'Total cost',
            kind: 'bar',
            stacked: false,
            unit: 'money',
            yTitle: `Total cost (${currency})`,
            series: [{ key: 'cost', label: 'Total cost', data: costs }],
          }),
        ]
      : []),
  ];
}

/** The per-quarter trend of one root-cause category. */
export function categoryTrendChart(group: CategoryGroup, title: string, currency: string): ChartSpec {
  return spec({
    id: `chart-${group.category}`,
    title,
    kind: 'bar',
    stacked: false,
    unit: 'count',
    currency,
    xTitle: 'Quarter',
    yTitle: 'Post-mortems',
    labels: group.perQuarter.map((point) => point.quarter),
    series: [{ key: 'count', label: 'Post-mortems', data: group.perQuarter.map((point) => point.count) }],
  });
}

// ---------------------------------------------------------------------------------------------
// Lists

export interface RepeatPair {
  incident: Incident;
  /** The earlier post-mortem it repeats; undefined if that one is not shown (a public build). */
  of: Incident | undefined;
  detected: boolean;
}

/** The repeats among some post-mortems, each with the one it repeats; counted post-mortems only. */
export function repeatPairs(incidents: readonly Incident[], byId: ReadonlyMap<string, Incident>): RepeatPair[] {
  return incidents.flatMap((incident) =>
    incident.counted && incident.repeat ? [{ incident, of: byId.get(incident.repeat.of), detected: incident.repeat.detected }] : [],
  );
}

/** Repeats inside one category: both post-mortems have its root cause ("same root cause twice"). */
export function categoryRepeatPairs(group: CategoryGroup, byId: ReadonlyMap<string, Incident>): RepeatPair[] {
  return repeatPairs(group.incidents, byId).filter((pair) => pair.of?.category === group.category);
}

export interface CategoryShare {
  category: string;
  count: number;
  /** Withheld in a public build. */
  totalCost: Money;
}

/** The figures of named categories among some post-mortems (counted ones), in the order named. */
export function categoryShares(incidents: readonly Incident[], categories: readonly string[]): CategoryShare[] {
  return categories.map((category) => {
    const mine = incidents.filter((incident) => incident.counted && incident.category === category);
    return { category, count: mine.length, totalCost: sumMoney(mine.map((incident) => incident.cost?.total)) };
  });
}

/** Open actions of some post-mortems (counted ones), in the order of `openActions`. */
export function stillOpen(incidents: readonly Incident[]): ActionItem[] {
  return openActions(incidents.filter((incident) => incident.counted).flatMap((incident) => incident.actions));
}

// ---------------------------------------------------------------------------------------------
// Heatmap

/**
 * Shade of a heatmap cell for a mean factor score 0–3: 0 none (a mean of 0, or no data), then 1
 * below 1, 2 below 2, 3 from 2 up. The cell always shows the number as well.
 */
export function heatLevel(mean: number | null): 0 | 1 | 2 | 3 {
  if (mean === null || mean <= 0) return 0;
  if (mean < 1) return 1;
  if (mean < 2) return 2;
  return 3;
}

export interface HeadlineFigure {
  label: string;
  value: string;
  change: ChangeText;
  detail?: string;
  /** A money figure: there only where the model holds the amount, never in a public build. */
  money?: boolean;
}

/**
 * The headline figures of a quarter with their change against the quarter before: the review page
 * and the home page. The total cost is left out where the model withholds it (a public build).
 */
export function headlineFigures(stats: QuarterStats, currency: string): HeadlineFigure[] {
  const { change } = stats;
  const previous = previousQuarter(stats.quarter);
  const money = (amount: number) => formatMoney(amount, currency);
  const delta = (current: number | null, value: number | null | undefined, format: (n: number) => string, better: Better = 'neither') =>
    describeChange({ current, delta: change ? (value ?? null) : null, previous: change ? previous : undefined, format, better });
  const spread = (figure: { mean: number | null; p90: number | null }) =>
    figure.mean === null ? undefined : `mean ${formatMinutes(figure.mean)} · p90 ${formatMinutes(figure.p90)}`;
  return [
    { label: 'Post-mortems', value: formatCount(stats.count), change: delta(stats.count, change?.count, formatCount), detail: `${stats.bySeverity['SEV-1']} SEV-1` },
    { label: 'MTTD (median)', value: formatMinutes(stats.mttd.median), change: delta(stats.mttd.median, change?.mttdMedian, formatMinutes, 'lower'), detail: spread(stats.mttd) },
    { label: 'MTTR (median)', value: formatMinutes(stats.mttr.median), change: delta(stats.mttr.median, change?.mttrMedian, formatMinutes, 'lower'), detail: spread(stats.mttr) },
    {
      label: 'Actions completed',
      value: formatRate(stats.actionCompletionRate),
      change: delta(stats.actionCompletionRate, change?.actionCompletionRate, formatPoints, 'higher'),
      detail: 'done ÷ all but won’t-do, as of today',
    },
    {
      label: 'Done on time',
      value: formatRate(stats.onTimeRate),
      change: delta(stats.onTimeRate, change?.onTimeRate, formatPoints, 'higher'),
      detail: 'completed by the deadline ÷ done',
    },
    { label: 'Repeat incidents', value: formatCount(stats.repeats), change: delta(stats.repeats, change?.repeats, formatCount, 'lower') },
    ...(stats.totalCost === undefined
      ? []
      : [{ label: 'Total cost', value: money(stats.totalCost), change: delta(stats.totalCost, change?.totalCost, money, 'lower'), money: true }]),
  ];
}
