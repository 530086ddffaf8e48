import type { Page } from 'playwright-core';
import { formatValue, type ChartSpec } from '../../../src/domain/review.ts';

/** One drawn chart as the reader meets it: how much of the canvas is painted, and its data table. */
export interface DrawnChart {
  id: string;
  spec: ChartSpec;
  /** Share of canvas pixels that are not transparent. */
  painted: number;
  /** Distinct colours among the painted pixels (a flat fill is not a chart). */
  colours: number;
  headers: string[];
  /** Each body row: the row header (a quarter) then the cells, as text. */
  rows: string[][];
}

/** Reads every chart of the current page, pixels included. */
export function readCharts(page: Page): Promise<DrawnChart[]> {
  return page.$$eval('[data-chart]', (figures) =>
    figures.map((figure) => {
      const canvas = figure.querySelector('canvas')!;
      const context = canvas.getContext('2d')!;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue;
        painted++;
        if (colours.size < 64) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      }
      const text = (cell: Element) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
      return {
        id: figure.id,
        spec: JSON.parse(figure.querySelector('script[type="application/json"]')!.textContent!),
        painted: painted / (data.length / 4),
        colours: colours.size,
        headers: [...figure.querySelectorAll('thead th')].map(text),
        rows: [...figure.querySelectorAll('tbody tr')].map((row) => [...row.children].map(text)),
      };
    }),
  );
}

export interface QuarterJson {
  quarter: string;
  count: number;
  bySeverity: Record<string, number>;
  recorded: { severity: number };
  mttd: { median: number | null };
  mttr: { median: number | null };
  actionCompletionRate: number | null;
  onTimeRate: number | null;
  repeats: number;
  totalCost: number;
}

export interface IncidentJson {
  id: string;
  url: string;
  quarter: string;
  category: string;
}

const rate = (share: number | null) => (share === null ? null : share * 100);
/** The figure for a series key; NaN for a key this table does not know (null is a real "no data"). */
const pick = (figures: Record<string, number | null>, key: string) => (key in figures ? figures[key] : NaN);

/**
 * What quarters.json says each series of a /quarters/ chart should be, by chart id and series key.
 * A chart or series missing here fails the test, so a new chart gets its check when it lands.
 */
const FROM_QUARTERS: Record<string, (quarter: QuarterJson, key: string) => number | null> = {
  // `total` is the stacked chart's Total column: every post-mortem of the quarter.
  'chart-severity': (quarter, key) =>
    key === 'total' ? quarter.count : key === 'not-recorded' ? quarter.count - quarter.recorded.severity : (quarter.bySeverity[key] ?? NaN),
  'chart-times': (quarter, key) => pick({ mttd: quarter.mttd.median, mttr: quarter.mttr.median }, key),
  'chart-actions': (quarter, key) => pick({ completion: rate(quarter.actionCompletionRate), 'on-time': rate(quarter.onTimeRate) }, key),
  'chart-repeats': (quarter, key) => (key === 'repeats' ? quarter.repeats : NaN),
  'chart-cost': (quarter, key) => (key === 'cost' ? quarter.totalCost : NaN),
};

/**
 * Every way a chart's drawn data or its table differs from the JSON export: the series the
 * canvas draws, each cell of the table, and the stacked total against the quarter's count.
 * `expected(quarter, key)` gives the JSON value; undefined when this chart has no JSON source.
 */
export function compareChart(chart: DrawnChart, quarters: string[], expected: (quarter: string, key: string) => number | null): string[] {
  const { spec } = chart;
  const problems: string[] = [];
  const show = (value: number | null) => formatValue(value, spec.unit, spec.currency);
  if (JSON.stringify(spec.labels) !== JSON.stringify(quarters)) problems.push(`${chart.id}: charts quarters ${spec.labels.join(', ')}, the JSON has ${quarters.join(', ')}`);
  if (JSON.stringify(chart.rows.map((row) => row[0])) !== JSON.stringify(quarters)) problems.push(`${chart.id}: table rows ${chart.rows.map((row) => row[0]).join(', ')}`);
  spec.series.forEach((series, column) => {
    if (chart.headers[column + 1] !== series.label) problems.push(`${chart.id}: column ${column + 1} is "${chart.headers[column + 1]}", the chart draws "${series.label}"`);
    quarters.forEach((quarter, row) => {
      const want = expected(quarter, series.key);
      const drawn = series.data[row];
      if (want === undefined || Number.isNaN(want)) {
        problems.push(`${chart.id}: no JSON figure known for series "${series.key}"; map it in tests/e2e/lib/charts.ts`);
        return;
      }
      if (want === null ? drawn !== null : drawn === null || Math.abs(drawn - want) > 1e-9) problems.push(`${chart.id} ${quarter} ${series.label}: the chart draws ${drawn}, the JSON says ${want}`);
      const cell = chart.rows[row]?.[column + 1];
      if (cell !== show(want)) problems.push(`${chart.id} ${quarter} ${series.label}: the table says "${cell}", the JSON ${want} (shown as "${show(want)}")`);
    });
  });
  if (spec.stacked) {
    const column = spec.series.length + 1;
    quarters.forEach((quarter, row) => {
      const want = expected(quarter, 'total');
      const cell = chart.rows[row]?.[column];
      if (chart.headers[column] !== 'Total' || cell !== show(want)) problems.push(`${chart.id} ${quarter} Total: the table says "${cell}", the JSON count is ${want}`);
    });
  }
  return [...new Set(problems)];
}

/** The JSON source of a /quarters/ chart. */
export function quartersSource(json: QuarterJson[], chartId: string): (quarter: string, key: string) => number | null {
  const figure = FROM_QUARTERS[chartId];
  return (quarter, key) => {
    const entry = json.find((q) => q.quarter === quarter);
    if (!figure || !entry) return NaN;
    return figure(entry, key);
  };
}

/** The JSON source of a category chart: post-mortems of that root cause per quarter, from incidents.json. */
export function categorySource(incidents: IncidentJson[], category: string): (quarter: string, key: string) => number | null {
  return (quarter, key) => (key === 'count' ? incidents.filter((incident) => incident.category === category && incident.quarter === quarter).length : NaN);
}
