import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { writeLibrary } from './generate-files.ts';
import { DEFAULT_TODAY } from './generate.ts';
import { folderSize, measure, type Measurement } from './bench-measure.ts';
import { astroPhases, median, pagefindTime, type SizeResult } from './bench.ts';
import { HUGO_MISSING, hugoSite, hugoVersion } from './bench-hugo.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');
const PAGEFIND = join(ROOT, 'node_modules/pagefind/lib/runner/bin.cjs');

/** The largest HTML page under a built site: its size in bytes and its path in the site. */
export function largestPage(site: string): { bytes: number; path: string } {
  let largest = { bytes: 0, path: '' };
  if (!existsSync(site)) return largest;
  for (const item of readdirSync(site, { recursive: true, withFileTypes: true })) {
    if (!item.isFile() || !item.name.endsWith('.html')) continue;
    const path = join(item.parentPath, item.name);
    const bytes = statSync(path).size;
    if (bytes > largest.bytes) largest = { bytes, path: relative(site, path) };
  }
  return largest;
}

/**
 * A copy of the project to build in (as tests/helpers/build.ts does): Astro writes generated
 * modules into `<root>/.astro/`, so builds of different libraries must not share a root.
 */
export function projectCopy(target: string): string {
  for (const item of ['src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
    if (existsSync(join(ROOT, item))) cpSync(join(ROOT, item), join(target, item), { recursive: true, filter: (path) => !path.endsWith('.test.ts') });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(target, 'node_modules'));
  return target;
}

/**
 * The baseline: the same MDX files built by a bare Astro site — @astrojs/mdx, a glob loader with
 * no schema, one page per file that renders `<Content />`, nothing else (no validation, no
 * figures, no other pages, no search index).
 */
export function bareProject(target: string, content: string): string {
  mkdirSync(join(target, 'src/pages/incidents'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(target, 'node_modules'));
  writeFileSync(join(target, 'package.json'), JSON.stringify({ name: 'bare-bench', private: true, type: 'module' }, null, 2));
  writeFileSync(
    join(target, 'astro.config.mjs'),
    [
      "import { defineConfig } from 'astro/config';",
      "import mdx from '@astrojs/mdx';",
      '',
      "export default defineConfig({ integrations: [mdx()], ...(process.env.BARE_CACHE_DIR ? { cacheDir: process.env.BARE_CACHE_DIR } : {}) });",
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(target, 'src/content.config.ts'),
    [
      "import { defineCollection } from 'astro:content';",
      "import { glob } from 'astro/loaders';",
      '',
      `const postmortems = defineCollection({ loader: glob({ pattern: '**/*.mdx', base: ${JSON.stringify(join(content, 'postmortems'))} }) });`,
      '',
      'export const collections = { postmortems };',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(target, 'src/pages/incidents/[...id].astro'),
    [
      '---',
      "import { getCollection, render } from 'astro:content';",
      '',
      'export async function getStaticPaths() {',
      "  const entries = await getCollection('postmortems');",
      '  return entries.map((entry) => ({ params: { id: entry.id }, props: { entry } }));',
      '}',
      '',
      'const { entry } = Astro.props;',
      'const { Content } = await render(entry);',
      '---',
      '<html lang="en"><head><meta charset="utf-8" /><title>{entry.data.title}</title></head><body><main><h1>{entry.data.title}</h1><Content /></main></body></html>',
      '',
    ].join('\n'),
  );
  return target;
}

interface RunOutcome {
  build: Measurement;
  pages: number;
  pagefindMs: number | null;
  distBytes: number;
  indexBytes: number;
  phases: Record<string, number>;
  largest: { bytes: number; path: string };
  /** Hugo's build and Pagefind over its output, one after the other, as our build runs Astro and then Pagefind. */
  hugo?: { wallMs: number; cpuMs: number | null; peakRss: number; pagefindMs: number };
  check?: Measurement;
  checkWarm?: Measurement;
  bare?: Measurement;
}

export interface SizeOptions {
  size: number;
  runs: number;
  seed: number;
  /** A folder of its own for this size. */
  work: string;
  skip: Set<string>;
  /** An existing library to measure (`size` is then its number of post-mortems); generated when absent. */
  content?: string;
  /** Progress lines. */
  log: (line: string) => void;
}

/** Cold checks per run; the median is reported. */
const COLD_CHECKS = 3;

/** The 1-minute load average: wall times on a shared machine are only worth reading beside it. */
const load = () => `load ${loadavg()[0].toFixed(1)}`;

function failed(what: string, result: Measurement, logFile: string): Error {
  const tail = result.output.split('\n').slice(-40).join('\n');
  return new Error(`${what} exited with ${result.code}; full log in ${logFile}\n${tail}`);
}

/** Generates a library of `size` post-mortems and measures the full build, check and the bare build, `runs` times. */
export async function benchSize({ size, runs, seed, work, skip, content: given, log }: SizeOptions): Promise<SizeResult> {
  const content = given ?? join(work, 'content');
  mkdirSync(work, { recursive: true });
  if (given) log(`${size}: the library in ${content}`);
  else log(`${size}: generated ${writeLibrary({ count: size, out: content, seed, today: DEFAULT_TODAY })} post-mortems in ${content}`);
  const project = projectCopy(join(work, 'project'));
  const bare = skip.has('bare') ? undefined : bareProject(join(work, 'bare'), content);
  const hugo = skip.has('hugo') ? undefined : hugoVersion() ? hugoSite(join(work, 'hugo'), content) : undefined;
  if (!skip.has('hugo') && !hugo) log(`${size}: ${HUGO_MISSING}`);
  // A generated library's "today" is fixed; a given one is built as of today (or HINDSIGHT_NOW).
  const env: NodeJS.ProcessEnv = { ...process.env, HINDSIGHT_CONTENT: content, HINDSIGHT_NOW: given ? process.env.HINDSIGHT_NOW : DEFAULT_TODAY, NO_COLOR: '1', FORCE_COLOR: '0' };
  if (!env.HINDSIGHT_NOW) delete env.HINDSIGHT_NOW;
  delete env.HINDSIGHT_DRAFTS;
  delete env.HINDSIGHT_VISIBILITY;
  const outcomes: RunOutcome[] = [];
  for (let run = 1; run <= runs; run++) {
    // Every run is a cold build, as in CI: no content-layer cache, no earlier dist.
    // Inside the project copy: the prerender chunks import packages, resolved from node_modules above them.
    const dist = join(project, 'dist');
    const cache = join(work, 'cache');
    rmSync(dist, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
    rmSync(join(project, '.astro'), { recursive: true, force: true });
    log(`${size}: run ${run}/${runs}: full build… (${load()})`);
    const build = await measure(NODE, [join(ROOT, 'scripts/build.ts'), '--outDir', dist], { cwd: project, env: { ...env, HINDSIGHT_CACHE_DIR: cache } });
    const buildLog = join(work, `build-${run}.log`);
    writeFileSync(buildLog, build.output);
    writeFileSync(join(work, `build-${run}.rss.tsv`), build.samples.map(([ms, rss]) => `${ms}\t${Math.round(rss / 1024 ** 2)}`).join('\n'));
    if (build.code !== 0) throw failed('the full build', build, buildLog);
    const incidents = join(dist, 'incidents');
    const pages = existsSync(incidents) ? readdirSync(incidents, { withFileTypes: true }).filter((item) => item.isDirectory()).length : 0;
    const outcome: RunOutcome = {
      build,
      pages,
      pagefindMs: pagefindTime(build.output)?.ms ?? null,
      distBytes: folderSize(dist),
      indexBytes: folderSize(join(dist, 'pagefind')),
      phases: astroPhases(build.output),
      largest: largestPage(dist),
    };
    log(`${size}: run ${run}/${runs}: full build ${(build.wallMs / 1000).toFixed(1)} s (CPU ${((build.cpuMs ?? 0) / 1000).toFixed(1)} s), peak RSS ${(build.peakRss / 1024 ** 2).toFixed(0)} MB, ${pages} incident pages (${load()})`);
    if (hugo) {
      // The floor, right after our build so both meet the same minute of a shared machine.
      const hugoDist = join(hugo, 'public');
      rmSync(hugoDist, { recursive: true, force: true });
      rmSync(join(hugo, 'resources'), { recursive: true, force: true });
      log(`${size}: run ${run}/${runs}: Hugo + Pagefind… (${load()})`);
      const site = await measure('hugo', ['--quiet', '--source', hugo, '--destination', hugoDist], { cwd: hugo, env });
      const hugoLog = join(work, `hugo-${run}.log`);
      writeFileSync(hugoLog, site.output);
      if (site.code !== 0) throw failed('the Hugo build', site, hugoLog);
      const index = await measure(NODE, [PAGEFIND, '--site', hugoDist, '--glob', 'incidents/*/index.html'], { cwd: hugo, env });
      writeFileSync(join(work, `hugo-pagefind-${run}.log`), index.output);
      if (index.code !== 0) throw failed('Pagefind over the Hugo site', index, join(work, `hugo-pagefind-${run}.log`));
      outcome.hugo = {
        wallMs: site.wallMs + index.wallMs,
        cpuMs: site.cpuMs === null || index.cpuMs === null ? null : site.cpuMs + index.cpuMs,
        peakRss: Math.max(site.peakRss, index.peakRss),
        pagefindMs: index.wallMs,
      };
      log(`${size}: run ${run}/${runs}: Hugo ${(site.wallMs / 1000).toFixed(1)} s + Pagefind ${(index.wallMs / 1000).toFixed(1)} s (CPU ${((outcome.hugo.cpuMs ?? 0) / 1000).toFixed(1)} s), peak RSS ${(outcome.hugo.peakRss / 1024 ** 2).toFixed(0)} MB; ours ${(build.wallMs / outcome.hugo.wallMs).toFixed(2)}× (${load()})`);
      rmSync(hugoDist, { recursive: true, force: true });
    }
    if (!skip.has('check')) {
      // Cold (no cache, as on a fresh clone) COLD_CHECKS times, the median kept: a check takes
      // seconds, and one run says little on a machine whose speed drifts. Then warm (every file
      // unchanged since the last cold run).
      const checkCache = join(work, 'check-cache');
      const colds: Measurement[] = [];
      for (const phase of [...Array<'cold'>(COLD_CHECKS).fill('cold'), 'warm' as const]) {
        if (phase === 'cold') rmSync(checkCache, { recursive: true, force: true });
        const check = await measure(NODE, [join(ROOT, 'scripts/check.ts')], { cwd: ROOT, env: { ...env, HINDSIGHT_CACHE_DIR: checkCache } });
        if (check.code !== 0) {
          writeFileSync(join(work, `check-${phase}-${run}.log`), check.output);
          throw failed(`npm run check (${phase})`, check, join(work, `check-${phase}-${run}.log`));
        }
        if (phase === 'cold') colds.push(check);
        else outcome.checkWarm = check;
        log(`${size}: run ${run}/${runs}: check (${phase}) ${(check.wallMs / 1000).toFixed(1)} s (CPU ${((check.cpuMs ?? 0) / 1000).toFixed(1)} s) (${load()})`);
      }
      outcome.check = colds.sort((a, b) => a.wallMs - b.wallMs)[Math.floor(colds.length / 2)];
    }
    if (bare) {
      const bareDist = join(bare, 'dist');
      rmSync(bareDist, { recursive: true, force: true });
      rmSync(join(bare, '.astro'), { recursive: true, force: true });
      rmSync(join(work, 'bare-cache'), { recursive: true, force: true });
      log(`${size}: run ${run}/${runs}: bare build… (${load()})`);
      const result = await measure(NODE, [ASTRO, 'build', '--outDir', bareDist], { cwd: bare, env: { ...env, BARE_CACHE_DIR: join(work, 'bare-cache') } });
      const bareLog = join(work, `bare-${run}.log`);
      writeFileSync(bareLog, result.output);
      if (result.code !== 0) throw failed('the bare build', result, bareLog);
      outcome.bare = result;
      log(`${size}: run ${run}/${runs}: bare build ${(result.wallMs / 1000).toFixed(1)} s (CPU ${((result.cpuMs ?? 0) / 1000).toFixed(1)} s), peak RSS ${(result.peakRss / 1024 ** 2).toFixed(0)} MB (${load()})`);
      rmSync(bareDist, { recursive: true, force: true });
    }
    outcomes.push(outcome);
  }
  const mid = (pick: (outcome: RunOutcome) => number | null | undefined): number | null => {
    const values = outcomes.map(pick).filter((value): value is number => typeof value === 'number');
    return values.length ? median(values) : null;
  };
  const phaseNames = [...new Set(outcomes.flatMap((outcome) => Object.keys(outcome.phases)))];
  return {
    size,
    runs,
    pages: outcomes[0].pages,
    buildMs: mid((o) => o.build.wallMs)!,
    buildCpuMs: mid((o) => o.build.cpuMs),
    buildPeakRss: mid((o) => o.build.peakRss)!,
    pagefindMs: mid((o) => o.pagefindMs),
    distBytes: mid((o) => o.distBytes)!,
    indexBytes: mid((o) => o.indexBytes)!,
    phases: Object.fromEntries(phaseNames.map((name) => [name, mid((o) => o.phases[name])!])),
    checkMs: mid((o) => o.check?.wallMs),
    checkCpuMs: mid((o) => o.check?.cpuMs),
    checkPeakRss: mid((o) => o.check?.peakRss),
    checkWarmMs: mid((o) => o.checkWarm?.wallMs),
    bareMs: mid((o) => o.bare?.wallMs),
    bareCpuMs: mid((o) => o.bare?.cpuMs),
    barePeakRss: mid((o) => o.bare?.peakRss),
    largestPageBytes: Math.max(...outcomes.map((o) => o.largest.bytes)),
    largestPage: outcomes[0].largest.path,
    hugoMs: mid((o) => o.hugo?.wallMs),
    hugoCpuMs: mid((o) => o.hugo?.cpuMs),
    hugoPeakRss: mid((o) => o.hugo?.peakRss),
    hugoPagefindMs: mid((o) => o.hugo?.pagefindMs),
    hugoRatio: mid((o) => (o.hugo ? o.build.wallMs / o.hugo.wallMs : null)),
  };
}
