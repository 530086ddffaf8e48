// npm run build [-- --outDir DIR, or any other option of `astro build`]
// Builds the site with `astro build` and its Pagefind search index. Astro runs as a child process;
// the index is built in parts (scripts/lib/pagefind.ts), the first of them while Astro is still
// writing pages, one at a time beside it, the rest once it has exited and let go of its memory.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { treeRss } from './lib/memory.ts';
import { SiteIndexer } from './lib/pagefind.ts';
import { helpRequested } from './lib/help.ts';

helpRequested("usage: npm run build [-- --outDir DIR, or any other option of `astro build`]\n\nValidates every post-mortem, builds the site with astro build, then its Pagefind search index.");

const ASTRO = resolve(import.meta.dirname, '../node_modules/astro/bin/astro.mjs');
/** How often the written pages are looked at while Astro builds, in ms. */
const POLL_MS = 1000;
/**
 * The memory the build aims to stay within (this process, Astro and a part of the index beside
 * it), less what Astro may still grow by once a part has started: a part beside Astro is only as
 * large as what is left (docs/performance.md). Without /proc (not Linux), parts are not limited.
 */
const MEMORY = 2 * 1024 ** 3;
const ASTRO_GROWTH = 256 * 1024 ** 2;
const args = process.argv.slice(2);
const { values } = parseArgs({ args, options: { outDir: { type: 'string' } }, strict: false });
const site = resolve(typeof values.outDir === 'string' ? values.outDir : 'dist');

// HINDSIGHT_SEARCH_PART_WORDS: the words a part of the search index may hold (scripts/lib/search-parts.ts).
const partWords = process.env.HINDSIGHT_SEARCH_PART_WORDS;
if (partWords !== undefined && !/^[1-9]\d*$/.test(partWords)) {
  console.error(`[hindsight-pagefind] HINDSIGHT_SEARCH_PART_WORDS must be a whole number of words above 0, such as 1500000; it is "${partWords}"`);
  process.exit(1);
}
const indexer = new SiteIndexer(site, { partWords: partWords === undefined ? undefined : Number(partWords) });
indexer.clear();

// --expose-gc: garbage is collected between the build's phases (src/loader/collect-garbage.ts).
// Native allocators that give memory back: the mimalloc of Rolldown and of the Astro compiler
// returns freed pages at once, glibc's malloc keeps two arenas rather than one for each thread.
// 10,000 post-mortems: Astro's peak 1.95–2.07 → 1.81–1.86 GB, 1.5–1.6 → 1.4 GB while it writes
// pages, no slower (docs/performance.md). Either can be set otherwise in the environment.
const env = { MIMALLOC_PURGE_DELAY: '0', MALLOC_ARENA_MAX: '2', ...process.env };
const astro = spawn(process.execPath, ['--expose-gc', ASTRO, 'build', ...args], { stdio: 'inherit', env });
const poll = setInterval(() => indexer.poll(MEMORY - ASTRO_GROWTH - treeRss(process.pid)), POLL_MS);
const status = await new Promise<number>((done) => {
  astro.on('error', () => done(1));
  astro.on('close', (code) => done(code ?? 1));
});
clearInterval(poll);
if (status !== 0) {
  indexer.abort();
  process.exit(status);
}

try {
  const { pages, parts, during, again, ms } = await indexer.finish();
  const detail = parts > 1 ? ` (${parts} parts${during ? `, ${during} of them while Astro built the pages` : ''}${again ? '; built again once the site was whole: a page changed after it was indexed' : ''})` : '';
  console.log(`[hindsight-pagefind] indexed ${pages} pages in ${ms} ms${detail}`);
} catch (error) {
  console.error(`[hindsight-pagefind] ${(error as Error).message}`);
  process.exitCode = 1;
}
