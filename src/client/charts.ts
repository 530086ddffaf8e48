// Trend charts: each <figure data-chart> holds its data as JSON (the same numbers as the table
// beside it). Only the Chart.js parts drawn here are imported and registered, so the bundle stays
// small (tree-shaking: https://www.chartjs.org/docs/latest/getting-started/integration.html).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
  type Plugin,
} from 'chart.js';
import type { ChartSpec, ChartUnit } from '../domain/review.ts';
import { outlierCap } from './outlier.ts';
import { formatCount, formatPercentValue } from '../core/numbers.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, LineController, LineElement, PointElement);

interface Palette {
  text: string;
  muted: string;
  grid: string;
  bg: string;
  series: string[];
}

/** Colours from the design tokens, so the charts follow light and dark mode like the page. */
function palette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: token('--text', '#1a1f26'),
    muted: token('--muted', '#4f5b67'),
    grid: token('--border', '#d5dce4'),
    bg: token('--bg', '#ffffff'),
    // Severity colours for the severity chart; otherwise accent, then the warning tone.
    series: [token('--sev1-fg', '#8f1d1d'), token('--sev2-fg', '#74400a'), token('--sev3-fg', '#1d4a7a'), token('--accent', '#0a58a8')],
  };
}

/** A fill that is not only a colour: solid, diagonal stripes or dots (told apart in greyscale too). */
function pattern(colour: string, background: string, kind: 'solid' | 'stripes' | 'dots'): CanvasPattern | string {
  if (kind === 'solid') return colour;
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const ctx = tile.getContext('2d');
  if (!ctx) return colour;
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, 8, 8);
  ctx.fillStyle = background;
  ctx.strokeStyle = background;
  if (kind === 'stripes') {
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(0, 8);
    ctx.lineTo(8, 0);
    ctx.moveTo(-2, 2);
    ctx.lineTo(2, -2);
    ctx.moveTo(6, 10);
    ctx.lineTo(10, 6);
    ctx.stroke();
  } else {
    ctx.beginPath();
    ctx.arc(4, 4, 1.4, 0, Math.PI * 2);
    ctx.fill();
  }
  return ctx.createPattern(tile, 'repeat') ?? colour;
}

/**
 * The keys of severity series (the schema's SEVERITIES, which this bundle does not import: it would
 * bring zod along), in the order of the severity colours of `palette().series`.
 */
const SEVERITY_KEYS: readonly string[] = ['SEV-1', 'SEV-2', 'SEV-3'];

const FILLS = ['stripes', 'dots', 'solid'] as const;
const POINTS = ['circle', 'triangle', 'rect', 'rectRot'] as const;
const DASHES = [[], [6, 4], [2, 3]];

function formatter(unit: ChartUnit, currency: string, compact: boolean): (value: number) => string {
  switch (unit) {
    case 'count':
      return formatCount;
    case 'percent':
      // Whole percents on the chart; the table beside it has one decimal.
      return (value) => formatPercentValue(value, 0);
    case 'minutes':
      return (value) => {
        const m = Math.round(value);
        if (m < 60) return `${m} min`;
        const h = Math.floor(m / 60);
        return m % 60 && !compact ? `${h} h ${m % 60} min` : `${compact ? Math.round((m / 60) * 10) / 10 : h} h`;
      };
    case 'money': {
      const format = new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: compact ? 'compact' : 'standard', maximumFractionDigits: compact ? 1 : 2, signDisplay: 'negative' });
      return (value) => format.format(value);
    }
  }
}

interface LabelState {
  kind: ChartSpec['kind'];
  format: (value: number) => string;
  /** For narrow charts (a phone): `1.5 h` rather than `1 h 32 min`. */
  compact: (value: number) => string;
  colours: Palette;
  stacked: boolean;
  /** Where the value axis stops when one quarter is far above the rest (outlierCap); undefined otherwise. */
  cap?: number;
}


/** A value written on the chart: where, in which font, and whether it sits on a chip. */
interface ValueLabel {
  text: string;
  x: number;
  y: number;
  width: number;
  font: string;
  chip: boolean;
}

const VALUE_FONT = '600 11px system-ui, sans-serif';
const TOTAL_FONT = '700 12px system-ui, sans-serif';

/** Where each value label goes with this format: on bar segments, above bars and points. */
function layout(chart: Chart, state: LabelState, format: (value: number) => string): ValueLabel[] {
  const { ctx } = chart;
  const { kind, stacked } = state;
  const labels: ValueLabel[] = [];
  const add = (text: string, x: number, y: number, font: string, chip: boolean) => {
    ctx.font = font;
    labels.push({ text, x, y, font, chip, width: ctx.measureText(text).width + (chip ? 8 : 0) });
  };
  chart.data.datasets.forEach((dataset, datasetIndex) => {
    const meta = chart.getDatasetMeta(datasetIndex);
    if (meta.hidden) return;
    meta.data.forEach((element, index) => {
      const value = dataset.data[index] as number | null;
      if (value === null || value === undefined || (stacked && value === 0)) return;
      const position = element.tooltipPosition(true);
      const x = position.x;
      // A value beyond the capped axis (outlierCap) is labelled at the top, with an arrow.
      const offScale = state.cap !== undefined && value > state.cap;
      const y = offScale ? chart.chartArea.top + 4 : position.y;
      if (x === null || y === null) return;
      let labelY: number;
      let labelX = x;
      if (kind === 'line') {
        // Labels go above their point, unless a higher point of the same quarter is close
        // enough for the two labels to meet: then below, or beside it at the foot of the chart.
        const closeAbove = chart.data.datasets.some((other, i) => {
          const point = chart.getDatasetMeta(i).data[index];
          const otherValue = other.data[index] as number | null;
          if (i === datasetIndex || otherValue === null || !point || point.y === null) return false;
          const above = otherValue > value || (otherValue === value && i < datasetIndex);
          return above && y - point.y < 22;
        });
        labelY = y - 14;
        if (closeAbove) {
          labelY = y + 14;
          if (labelY + 8 > chart.chartArea.bottom) {
            labelY = y;
            ctx.font = VALUE_FONT;
            labelX = x + 10 + ctx.measureText(format(value)).width / 2 + 4;
          }
        }
      } else if (stacked) {
        const { base } = element as unknown as { base: number };
        if (Math.abs(base - y) < 14) return; // too thin to hold a label; the table has it
        labelY = (y + base) / 2;
      } else {
        labelY = y - 10;
      }
      add(offScale ? `↑ ${format(value)}` : format(value), labelX, offScale ? chart.chartArea.top + 10 : labelY, VALUE_FONT, true);
    });
  });
  // Stacked bars: the total above each stack, as in the table's Total column.
  if (stacked) {
    chart.data.labels?.forEach((_, index) => {
      let total = 0;
      let top = Infinity;
      chart.data.datasets.forEach((dataset, datasetIndex) => {
        const meta = chart.getDatasetMeta(datasetIndex);
        const value = dataset.data[index] as number | null;
        if (meta.hidden || !value) return;
        total += value;
        top = Math.min(top, meta.data[index].y ?? Infinity);
      });
      if (total === 0 || top === Infinity) return;
      add(format(total), chart.scales.x.getPixelForValue(index), top - 10, TOTAL_FONT, false);
    });
  }
  return labels;
}

/** Two labels that would overlap, or one that runs off the canvas. */
function collide(labels: ValueLabel[], width: number): boolean {
  const box = (label: ValueLabel) => ({ left: label.x - label.width / 2, right: label.x + label.width / 2, top: label.y - 8, bottom: label.y + 8 });
  return labels.some((label, i) => {
    const a = box(label);
    if (a.left < 0 || a.right > width) return true;
    return labels.slice(i + 1).some((other) => {
      const b = box(other);
      return a.left < b.right + 1 && b.left < a.right + 1 && a.top < b.bottom && b.top < a.bottom;
    });
  });
}

/**
 * Writes each value on the chart (on bar segments and above points), so no number depends on
 * hovering or on telling colours apart. A chip in the page background keeps it legible on any fill.
 * Full labels where they fit, compact ones (`$382.3K`, `1.5 h`) where not, and none at all where
 * even those would run into each other, as on a phone: the table beside the chart has every number.
 * One plugin per chart, reading its state through a closure: functions passed in Chart.js plugin
 * options would be taken for scriptable options and called with a context.
 */
const valueLabels = (state: LabelState): Plugin => ({
  id: 'hindsightValueLabels',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const { kind, colours } = state;
    const slot = chart.chartArea.width / Math.max(1, chart.data.labels?.length ?? 1);
    ctx.save();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const formats = slot < 80 ? [state.compact] : [state.format, state.compact];
    const labels =
      slot < 34
        ? []
        : (formats.map((format) => layout(chart, state, format)).find((candidate) => !collide(candidate, chart.width)) ?? []);
    for (const label of labels) {
      ctx.font = label.font;
      if (label.chip) {
        ctx.fillStyle = colours.bg;
        ctx.globalAlpha = 0.9;
        ctx.fillRect(label.x - label.width / 2, label.y - 8, label.width, 16);
        ctx.globalAlpha = 1;
      }
      ctx.fillStyle = colours.text;
      ctx.fillText(label.text, label.x, label.y);
    }
    // A quarter with no data at all is a gap in a line: say so on the chart, not only in the table.
    // Quarters in a row without data share one label, centred on them; where even that does not
    // fit (a library of many quarters) the gap says it alone, and the table has every quarter.
    if (kind === 'line') {
      const xScale = chart.scales.x;
      const yScale = chart.scales.y;
      ctx.font = VALUE_FONT;
      ctx.fillStyle = colours.muted;
      const width = ctx.measureText('no data').width + 8;
      for (const [first, last] of emptyRuns(chart)) {
        if ((last - first + 1) * slot < width) continue;
        ctx.fillText('no data', (xScale.getPixelForValue(first) + xScale.getPixelForValue(last)) / 2, yScale.bottom - 10);
      }
    }
    ctx.restore();
  },
});

/** The runs of quarters where no series has a value, as [first, last] indexes. */
function emptyRuns(chart: Chart): [number, number][] {
  const runs: [number, number][] = [];
  chart.data.labels?.forEach((_, index) => {
    if (!chart.data.datasets.every((dataset) => dataset.data[index] === null)) return;
    const run = runs.at(-1);
    if (run && run[1] === index - 1) run[1] = index;
    else runs.push([index, index]);
  });
  return runs;
}

/** A tick step in whole, readable minutes (10 min … 1 day) for the largest value drawn. */
function minuteStep(spec: ChartSpec, cap?: number): number {
  const max = cap ?? Math.max(0, ...spec.series.flatMap((series) => series.data.filter((value): value is number => value !== null)));
  const steps = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];
  return steps.find((step) => max / step <= 7) ?? 10080;
}

function config(spec: ChartSpec, colours: Palette, labels: LabelState): ChartConfiguration {
  const full = formatter(spec.unit, spec.currency, false);
  const compact = formatter(spec.unit, spec.currency, true);
  // A chart whose series are the severities (keyed SEV-1…) keeps their colours and fills; other
  // charts take accent, then red, then blue. Told by the data, not by which chart it is.
  // Post-mortems whose severity is not recorded stack in the muted tone, after the levels.
  const severity = spec.series.some((series) => SEVERITY_KEYS.includes(series.key)) && spec.series.every((series) => SEVERITY_KEYS.includes(series.key) || series.key === 'not-recorded');
  const datasets = spec.series.map((series, index): ChartDataset => {
    const tone = severity ? (series.key === 'not-recorded' ? SEVERITY_KEYS.length : SEVERITY_KEYS.indexOf(series.key)) : index;
    const colour = severity ? (series.key === 'not-recorded' ? colours.muted : colours.series[tone]) : [colours.series[3], colours.series[0], colours.series[2]][index % 3];
    if (spec.kind === 'line') {
      return {
        type: 'line',
        label: series.label,
        data: series.data,
        borderColor: colour,
        backgroundColor: colour,
        borderDash: DASHES[index % DASHES.length],
        borderWidth: 2.5,
        pointStyle: POINTS[index % POINTS.length],
        pointRadius: 5,
        pointHoverRadius: 7,
        spanGaps: false,
      };
    }
    return {
      type: 'bar',
      label: series.label,
      data: series.data,
      backgroundColor: severity ? pattern(colour, colours.bg, FILLS[tone % FILLS.length]) : colour,
      borderColor: colour,
      borderWidth: 1.5,
      maxBarThickness: 56,
    };
  });
  const axisTitle = (text: string) => ({ display: true, text, color: colours.text, font: { weight: 600 as const } });
  return {
    type: spec.kind,
    data: { labels: spec.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // Room above the highest value for its label.
      layout: { padding: { top: 22 } },
      interaction: { mode: 'index', intersect: false },
      color: colours.text,
      scales: {
        x: {
          stacked: spec.stacked,
          title: axisTitle(spec.xTitle),
          ticks: { color: colours.text },
          grid: { color: colours.grid, display: false },
          border: { color: colours.muted },
          offset: true,
        },
        y: {
          stacked: spec.stacked,
          beginAtZero: true,
          // Headroom above the highest point for its label; rates stop at 100%.
          ...(spec.unit === 'percent' ? { max: 100 } : labels.cap !== undefined ? { max: labels.cap } : { grace: '12%' }),
          title: axisTitle(spec.yTitle),
          ticks: {
            color: colours.text,
            precision: spec.unit === 'count' ? 0 : undefined,
            stepSize: spec.unit === 'minutes' ? minuteStep(spec, labels.cap) : undefined,
            callback: (value) => compact(Number(value)),
          },
          grid: { color: colours.grid },
          border: { color: colours.muted },
        },
      },
      plugins: {
        legend: {
          display: spec.series.length > 1,
          position: 'bottom',
          labels: { color: colours.text, usePointStyle: spec.kind === 'line', pointStyleWidth: 14, boxWidth: 18, boxHeight: 10, padding: 14 },
        },
        tooltip: {
          callbacks: { label: (item) => `${item.dataset.label}: ${item.raw === null ? 'no data' : full(Number(item.raw))}` },
        },
      },
    },
    plugins: [valueLabels(labels)],
  };
}

/** Draws every chart on the page and redraws them when the colour scheme changes. */
export function drawCharts(): void {
  const charts: { chart: Chart; spec: ChartSpec; labels: LabelState }[] = [];
  for (const figure of document.querySelectorAll<HTMLElement>('[data-chart]')) {
    const canvas = figure.querySelector('canvas');
    const data = figure.querySelector('script[type="application/json"]');
    if (!canvas || !data?.textContent) continue;
    const spec = JSON.parse(data.textContent) as ChartSpec;
    const colours = palette();
    // Minutes are labelled in full (1 h 45 min, as in the table); money compactly ($16.2K).
    const labels: LabelState = {
      kind: spec.kind,
      format: formatter(spec.unit, spec.currency, spec.unit !== 'minutes'),
      compact: formatter(spec.unit, spec.currency, true),
      colours,
      stacked: spec.stacked,
      cap: outlierCap(spec),
    };
    charts.push({ chart: new Chart(canvas, config(spec, colours, labels)), spec, labels });
    figure.classList.add('chart--drawn');
  }
  if (!charts.length) return;
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    const colours = palette();
    for (const { chart, spec, labels } of charts) {
      labels.colours = colours;
      const next = config(spec, colours, labels);
      chart.data.datasets = next.data.datasets;
      chart.options = next.options!;
      chart.update();
    }
  });
}
