import { parseArgs } from 'node:util';

/** `bench [--sizes 100,1000 | --content DIR] [--runs N] [--work DIR] [--keep] [--skip bare,check,hugo]`. */
export interface BenchArgs {
  sizes: number[];
  /** An existing library (a content root) to measure instead of generated ones. */
  content?: string;
  runs: number;
  /** Where the temporary libraries and builds go; a fresh temporary folder by default. */
  work?: string;
  /** Keep the work folder (libraries, dist folders, build logs) for a look afterwards. */
  keep: boolean;
  seed: number;
  /** Parts to leave out: `bare`, `check`, `hugo`. */
  skip: Set<string>;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sizes: { type: 'string', default: '100,1000' },
      runs: { type: 'string', default: '1' },
      work: { type: 'string' },
      keep: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      skip: { type: 'string', default: '' },
      content: { type: 'string' },
    },
  });
  const sizes = values.sizes!.split(',').map((size) => Number(size.trim().replace(/_/g, '')));
  if (!sizes.length || sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes takes whole numbers separated by commas, e.g. 100,1000 (got "${values.sizes}")`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be 1 or more (got "${values.runs}")`);
  const skip = new Set(values.skip!.split(',').map((part) => part.trim()).filter(Boolean));
  for (const part of skip) if (!['bare', 'check', 'hugo'].includes(part)) throw new Error(`--skip takes bare, check and/or hugo (got "${part}")`);
  return { sizes, runs, work: values.work, keep: values.keep ?? false, seed: Number(values.seed), skip, content: values.content };
}

/** The Pagefind integration's log line: "[hindsight-pagefind] indexed N pages in M ms". */
export function pagefindTime(log: string): { pages: number; ms: number } | undefined {
  const match = /indexed (\d+) pages in (\d+) ms/.exec(log);
  return match ? { pages: Number(match[1]), ms: Number(match[2]) } : undefined;
}

/**
 * Astro's own phase timings from a build log, in ms: `sync` (config, content sync with our
 * validation, types: "[types] Generated 10.57s"), `vite` (the server and client bundles: "[vite]
 * ✓ built in 11.79s", summed), `pages` (page generation: the "✓ Completed in 4.46s." after
 * "generating static routes") and `total` ("185 page(s) built in 27.50s").
 */
export function astroPhases(log: string): Record<string, number> {
  const phases: Record<string, number> = {};
  // Astro writes "850ms", "4.46s" or "1m 5s".
  const DURATION = String.raw`(?:(\d+)m\s*)?(\d+(?:\.\d+)?)(ms|s)\b`;
  const ms = (match: RegExpExecArray) => (Number(match[1] ?? 0) * 60 + Number(match[2]) / (match[3] === 'ms' ? 1000 : 1)) * 1000;
  const types = new RegExp(String.raw`\[types\] Generated ${DURATION}`);
  const vite = new RegExp(String.raw`\[vite\] ✓ built in ${DURATION}`);
  const completed = new RegExp(String.raw`^\S+ ✓ Completed in ${DURATION}`);
  const total = new RegExp(String.raw`\d+ page\(s\) built in ${DURATION}`);
  let generating = false;
  for (const raw of log.split('\n')) {
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
    let match: RegExpExecArray | null;
    if ((match = types.exec(line))) phases.sync = ms(match);
    else if ((match = vite.exec(line))) phases.vite = (phases.vite ?? 0) + ms(match);
    else if (/generating static routes/.test(line)) generating = true;
    else if (generating && (match = completed.exec(line))) {
      phases.pages = ms(match);
      generating = false;
    } else if ((match = total.exec(line))) phases.total = ms(match);
  }
  return phases;
}

export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One size's results (medians when there were several runs). */
export interface SizeResult {
  size: number;
  runs: number;
  /** Published post-mortems: the incident pages built. */
  pages: number;
  buildMs: number;
  buildCpuMs: number | null;
  buildPeakRss: number;
  pagefindMs: number | null;
  distBytes: number;
  indexBytes: number;
  phases: Record<string, number>;
  checkMs: number | null;
  checkCpuMs: number | null;
  checkPeakRss: number | null;
  /** check again with every file unchanged: the results come from its cache. */
  checkWarmMs: number | null;
  bareMs: number | null;
  bareCpuMs: number | null;
  barePeakRss: number | null;
  /** The largest HTML page of our build (the largest over the runs), in bytes, and its path in the site. */
  largestPageBytes: number;
  largestPage: string;
  /** The same library built by Hugo with a minimal template, then indexed by Pagefind (null without hugo). */
  hugoMs: number | null;
  hugoCpuMs: number | null;
  hugoPeakRss: number | null;
  /** Pagefind's share of hugoMs. */
  hugoPagefindMs: number | null;
  /** Our build ÷ Hugo + Pagefind, each run's pair measured one after the other; the median of the runs. */
  hugoRatio: number | null;
}

/** The targets, by library size: build time and memory, check time, and how far from Hugo + Pagefind. */
export const TARGETS: Record<number, { buildMs: number; rss: number; checkMs?: number; hugoRatio: number }> = {
  1000: { buildMs: 30_000, rss: 1.5 * 1024 ** 3, hugoRatio: 4 },
  10000: { buildMs: 240_000, rss: 2 * 1024 ** 3, checkMs: 10_000, hugoRatio: 3 },
};
export const MAX_OVERHEAD = 1.25;

const seconds = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? '–' : (ms / 1000).toFixed(1));
const megabytes = (bytes: number | null) => (bytes === null ? '–' : (bytes / 1024 ** 2).toFixed(0));

export function overhead(result: SizeResult): number | null {
  return result.bareMs ? result.buildMs / result.bareMs : null;
}

/** The results as a Markdown table, one row per size. */
export function markdownTable(results: readonly SizeResult[]): string {
  const header = [
    'post-mortems', 'runs', 'build s (CPU s)', 'peak RSS MB', 'incident pages/s', 'Pagefind s', 'dist MB', 'index MB',
    'check s (CPU s)', 'check warm s', 'bare build s (CPU s)', 'bare RSS MB', 'overhead ×',
    'Hugo + Pagefind s (CPU s)', 'Hugo RSS MB', '× Hugo', 'largest page KB',
  ];
  const rows = results.map((result) => {
    const ratio = overhead(result);
    return [
      result.size.toLocaleString('en-US'),
      String(result.runs),
      `${seconds(result.buildMs)} (${seconds(result.buildCpuMs)})`,
      megabytes(result.buildPeakRss),
      (result.pages / (result.buildMs / 1000)).toFixed(0),
      seconds(result.pagefindMs),
      megabytes(result.distBytes),
      (result.indexBytes / 1024 ** 2).toFixed(1),
      result.checkMs === null ? '–' : `${seconds(result.checkMs)} (${seconds(result.checkCpuMs)})`,
      seconds(result.checkWarmMs),
      result.bareMs === null ? '–' : `${seconds(result.bareMs)} (${seconds(result.bareCpuMs)})`,
      megabytes(result.barePeakRss),
      ratio === null ? '–' : ratio.toFixed(2),
      result.hugoMs === null ? '–' : `${seconds(result.hugoMs)} (${seconds(result.hugoCpuMs)})`,
      megabytes(result.hugoPeakRss),
      result.hugoRatio === null ? '–' : result.hugoRatio.toFixed(2),
      (result.largestPageBytes / 1024).toFixed(0),
    ];
  });
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---:' : '---:'))), ...rows.map(line)].join('\n');
}

/** One line per target of issue 7 that applies to a size: met or missed, with the figure. */
export function targetReport(result: SizeResult): string[] {
  const lines: string[] = [];
  const target = TARGETS[result.size];
  const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
  if (target) {
    lines.push(`${result.size}: build ${seconds(result.buildMs)} s of ${seconds(target.buildMs)} s — ${mark(result.buildMs <= target.buildMs)}`);
    lines.push(`${result.size}: peak RSS ${megabytes(result.buildPeakRss)} MB of ${megabytes(target.rss)} MB — ${mark(result.buildPeakRss <= target.rss)}`);
    if (target.checkMs !== undefined && result.checkMs !== null) {
      lines.push(`${result.size}: check, cold ${seconds(result.checkMs)} s of ${seconds(target.checkMs)} s — ${mark(result.checkMs <= target.checkMs)}`);
      if (result.checkWarmMs !== null) lines.push(`${result.size}: check, warm (cached) ${seconds(result.checkWarmMs)} s of ${seconds(target.checkMs)} s — ${mark(result.checkWarmMs <= target.checkMs)}`);
    }
  }
  const ratio = overhead(result);
  if (ratio !== null) lines.push(`${result.size}: overhead over the bare build ${ratio.toFixed(2)}× of ${MAX_OVERHEAD}× — ${mark(ratio <= MAX_OVERHEAD)}`);
  if (result.hugoRatio !== null) {
    const limit = target ? ` of ${target.hugoRatio}× — ${mark(result.hugoRatio <= target.hugoRatio)}` : '';
    // CPU time too: on a shared machine the wall-time ratio moves with other people's load.
    const cpu = result.buildCpuMs !== null && result.hugoCpuMs ? `, CPU ${(result.buildCpuMs / result.hugoCpuMs).toFixed(2)}×` : '';
    lines.push(`${result.size}: build ÷ Hugo + Pagefind ${result.hugoRatio.toFixed(2)}× (${seconds(result.buildMs)} s against ${seconds(result.hugoMs)} s${cpu}; peak RSS ${megabytes(result.buildPeakRss)} MB against ${megabytes(result.hugoPeakRss)} MB)${limit}`);
  } else lines.push(`${result.size}: build ÷ Hugo + Pagefind not measured (hugo missing or skipped)`);
  lines.push(`${result.size}: largest HTML page ${(result.largestPageBytes / 1024).toFixed(0)} KB (${result.largestPage})`);
  return lines;
}
