// npm run build [-- --outDir DIR, or any other option of `astro build`]
// Builds the site with `astro build`, then indexes it with Pagefind. Astro runs as a child process
// and has exited before Pagefind starts, so the memory of the two never adds up: at 10,000
// post-mortems Astro holds gigabytes until it exits (docs/performance.md).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { indexSite } from './lib/pagefind.ts';
import { helpRequested } from './lib/help.ts';

helpRequested("usage: npm run build [-- --outDir DIR, or any other option of `astro build`]\n\nValidates every post-mortem, builds the site with astro build, then its Pagefind search index.");

const ASTRO = resolve(import.meta.dirname, '../node_modules/astro/bin/astro.mjs');
const args = process.argv.slice(2);

const astro = spawnSync(process.execPath, [ASTRO, 'build', ...args], { stdio: 'inherit' });
if (astro.status !== 0) process.exit(astro.status ?? 1);

const { values } = parseArgs({ args, options: { outDir: { type: 'string' } }, strict: false });
const site = resolve(typeof values.outDir === 'string' ? values.outDir : 'dist');
// HINDSIGHT_SEARCH_PART_WORDS: the words a part of the search index may hold (scripts/lib/search-parts.ts).
const partWords = process.env.HINDSIGHT_SEARCH_PART_WORDS;
try {
  if (partWords !== undefined && !/^[1-9]\d*$/.test(partWords)) throw new Error(`HINDSIGHT_SEARCH_PART_WORDS must be a whole number of words above 0, such as 1500000; it is "${partWords}"`);
  const { pages, parts, ms } = await indexSite(site, { partWords: partWords === undefined ? undefined : Number(partWords) });
  console.log(`[hindsight-pagefind] indexed ${pages} pages in ${ms} ms${parts > 1 ? ` (${parts} parts)` : ''}`);
} catch (error) {
  console.error(`[hindsight-pagefind] ${(error as Error).message}`);
  process.exitCode = 1;
}
