// npm run bench:readers -- (--dist DIR | --content DIR | --sizes 1000,10000) [--runs N] [--work DIR]
// What readers get at scale: for a built site (or a library built here, or generated libraries),
// the largest pages opened in Chromium from a local static server — HTML size, load time and DOM
// interactive (medians of N fresh visits) — and the largest page of all (docs/performance.md#readers).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { helpRequested } from './lib/help.ts';
import { projectCopy, ROOT } from './lib/bench-run.ts';
import { writeLibrary } from './lib/generate-files.ts';
import { DEFAULT_TODAY } from './lib/generate.ts';
import { htmlPages, pagesToMeasure, readerTable, readerVerdict, searchLine, searchWord, timePage, timeSearch } from './lib/reader-bench.ts';
import { launchBrowser, serve } from '../tests/helpers/browser.ts';

const USAGE = `usage: npm run bench:readers -- (--dist DIR | --content DIR | --sizes 1000,10000) [--runs N] [--work DIR]

What readers get: the largest pages of a built site opened in Chromium (CHROMIUM_PATH or /usr/bin/chromium)
from a local static server: HTML size, load time and DOM interactive, medians of N fresh visits (default 3).
--dist measures a built site; --content builds that library first (as npm run build does, search index included);
--sizes generates libraries of those sizes and builds each.`;
helpRequested(USAGE);

let values;
try {
  ({ values } = parseArgs({
    options: { dist: { type: 'string' }, content: { type: 'string' }, sizes: { type: 'string' }, runs: { type: 'string', default: '3' }, work: { type: 'string' } },
  }));
} catch (error) {
  console.error(`bench:readers: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const runs = Number(values.runs);
if ([values.dist, values.content, values.sizes].filter(Boolean).length !== 1 || !Number.isInteger(runs) || runs < 1) {
  console.error(`bench:readers: give one of --dist, --content or --sizes, and --runs of 1 or more\n${USAGE}`);
  process.exit(2);
}

const work = values.work ? resolve(values.work) : mkdtempSync(join(tmpdir(), 'hindsight-readers-'));
mkdirSync(work, { recursive: true });

/** Builds `content` in a copy of the project, as `npm run build` does: the pages and the search index. */
function build(content: string, name: string): string {
  const project = projectCopy(join(work, `project-${name}`));
  console.log(`${name}: building ${content}… (load ${loadavg()[0].toFixed(1)})`);
  const started = Date.now();
  const env = { ...process.env, HINDSIGHT_CONTENT: content, HINDSIGHT_NOW: process.env.HINDSIGHT_NOW ?? DEFAULT_TODAY, HINDSIGHT_CACHE_DIR: join(work, `cache-${name}`) };
  const result = spawnSync(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'scripts/build.ts')], { cwd: project, env, encoding: 'utf8', maxBuffer: 256 * 1024 ** 2 });
  writeFileSync(join(work, `build-${name}.log`), result.stdout + result.stderr);
  if (result.status !== 0) throw new Error(`the build of ${content} failed:\n${(result.stdout + result.stderr).split('\n').slice(-30).join('\n')}`);
  console.log(`${name}: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return join(project, 'dist');
}

async function measureSite(dist: string, label: string): Promise<void> {
  const pages = htmlPages(dist);
  const server = await serve(dist);
  const browser = await launchBrowser();
  try {
    const timings = [];
    for (const page of pagesToMeasure(pages)) timings.push(await timePage(browser, server.url, page, runs));
    console.log(`\n${label}: ${pages.length} HTML pages, medians of ${runs} visits (load ${loadavg()[0].toFixed(1)})\n\n${readerTable(timings)}\n`);
    for (const line of readerVerdict(pages, timings)) console.log(`${label}: ${line}`);
    // The search page, where the site has an index (npm run build, not astro build alone).
    const manifest = join(dist, 'pagefind/parts.json');
    if (existsSync(manifest)) {
      const parts = (JSON.parse(readFileSync(manifest, 'utf8')) as { parts: unknown[] }).parts.length;
      const word = searchWord(JSON.parse(readFileSync(join(dist, 'api/incidents.json'), 'utf8')) as { title: string }[]);
      console.log(`${label}: ${searchLine(await timeSearch(browser, server.url, word, parts, runs))}`);
    } else console.log(`${label}: search not measured: no search index in ${dist} (built by npm run build)`);
  } finally {
    await browser.close();
    await server.close();
  }
}

try {
  if (values.dist) await measureSite(resolve(values.dist), values.dist);
  else if (values.content) await measureSite(build(resolve(values.content), 'library'), values.content);
  else {
    for (const size of values.sizes!.split(',').map(Number)) {
      const content = join(work, `library-${size}`);
      writeLibrary({ count: size, out: content, seed: 1, today: DEFAULT_TODAY });
      await measureSite(build(content, String(size)), `${size} post-mortems`);
    }
  }
} catch (error) {
  console.error(`bench:readers: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  if (!values.work && !process.exitCode) rmSync(work, { recursive: true, force: true });
  else console.log(`work folder kept: ${work}`);
}
