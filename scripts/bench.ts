// npm run bench [-- --sizes 100,1000,10000 | --content DIR] [--runs N] [--work DIR] [--keep] [--skip bare,check,hugo]
// For each size: generate a library, then measure the full build (astro build + Pagefind), `npm run
// check`, the same MDX built by a bare Astro site, and the same post-mortems built by Hugo with a
// minimal template plus Pagefind (the floor); print a Markdown table (medians of the runs).
// With --content, the same for an existing library instead of generated ones.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { markdownTable, parseBenchArgs, targetReport, type SizeResult } from './lib/bench.ts';
import { benchSize } from './lib/bench-run.ts';
import { listPostmortems } from '../src/ingestion/load.ts';
import { helpRequested } from './lib/help.ts';
import { HUGO_MISSING, hugoVersion } from './lib/bench-hugo.ts';

helpRequested("usage: npm run bench [-- --sizes 100,1000,10000 | --content DIR] [--runs N] [--work DIR] [--keep] [--skip bare,check,hugo]\n\nThe scale benchmark: build time, memory, Pagefind, check time, the overhead over a bare Astro build, the ratio to Hugo + Pagefind and the largest page (docs/performance.md).");

let args;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${(error as Error).message}\nusage: npm run bench -- [--sizes 100,1000,10000 | --content DIR] [--runs N] [--work DIR] [--keep] [--skip bare,check,hugo]`);
  process.exit(2);
}

const work = args.work ? resolve(args.work) : mkdtempSync(join(tmpdir(), 'hindsight-bench-'));
mkdirSync(work, { recursive: true });
const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(0)} GB`;
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${gb(totalmem())} memory (${gb(freemem())} free), load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; Node ${process.version}`);

if (!args.skip.has('hugo')) console.log(hugoVersion() ?? `WARNING: ${HUGO_MISSING}`);

const results: SizeResult[] = [];
try {
  const content = args.content && resolve(args.content);
  const sizes = content ? [listPostmortems(join(content, 'postmortems')).length] : args.sizes;
  for (const size of sizes) {
    const result = await benchSize({ size, runs: args.runs, seed: args.seed, work: join(work, String(size)), skip: args.skip, content, log: (line) => console.log(line) });
    results.push(result);
    const phases = Object.entries(result.phases).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ');
    if (phases) console.log(`${size}: Astro phases: ${phases}`);
  }
} catch (error) {
  console.error(`bench: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  if (results.length) {
    console.log(`\n${markdownTable(results)}\n`);
    for (const line of results.flatMap(targetReport)) console.log(line);
  }
  console.log(`\nload after: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (wall times on a shared machine vary with it; CPU times much less)`);
  if (args.keep || process.exitCode) console.log(`work folder kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
