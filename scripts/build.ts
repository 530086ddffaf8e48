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
try {
  const { pages, ms } = await indexSite(site);
  console.log(`[hindsight-pagefind] indexed ${pages} pages in ${ms} ms`);
} catch (error) {
  console.error(`[hindsight-pagefind] ${(error as Error).message}`);
  process.exitCode = 1;
}
