import { spawn } from 'node:child_process';
import { existsSync, linkSync, copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pageFacts, planParts, PART_WORDS, type IndexedPage } from './search-parts.ts';

// The pagefind package's own launcher, which runs the binary built for this platform.
const PAGEFIND = resolve(import.meta.dirname, '../../node_modules/pagefind/lib/runner/bin.cjs');

/** Where the search page finds the parts of the index: `pagefind/parts.json`, paths from the site root. */
export const PARTS_MANIFEST = 'pagefind/parts.json';

export interface IndexOptions {
  /** Words a part may hold (search-parts.ts); `HINDSIGHT_SEARCH_PART_WORDS` sets it for a build. */
  partWords?: number;
  /** Parts indexed at once: two on a machine with a second core. */
  concurrency?: number;
}

/**
 * Builds the Pagefind index of a built site into `<site>/pagefind`. Only pages that mark their
 * content with `data-pagefind-body` (the post-mortem pages) are indexed, and only those are read:
 * the list pages would be parsed for nothing. Add a glob here for any other page that gets
 * data-pagefind-body.
 *
 * A library too large for one Pagefind process's memory is indexed in parts (search-parts.ts):
 * part 1 in `pagefind/`, part N in `pagefind/part-N/`, each a whole Pagefind bundle, listed in
 * `pagefind/parts.json` for the search page. Pagefind's command line, not its Node API: the same
 * index, and at 10,000 post-mortems 65 s instead of 97 s (docs/performance.md).
 */
export async function indexSite(site: string, options: IndexOptions = {}): Promise<{ pages: number; parts: number; ms: number }> {
  const started = performance.now();
  const partWords = options.partWords ?? PART_WORDS;
  const concurrency = options.concurrency ?? Math.min(2, availableParallelism());
  rmSync(join(site, 'pagefind'), { recursive: true, force: true });
  const pages = incidentPages(site);
  // Pagefind refuses to write an empty index; a library with no post-mortem yet indexes its home
  // page, which says so, and the search page keeps working.
  if (pages.length === 0) {
    const indexed = await runPagefind(site, 'index.html', join(site, 'pagefind'));
    writeManifest(site, 1);
    return { pages: indexed, parts: 1, ms: elapsed(started) };
  }
  const parts = planParts(pages.map((path) => ({ path, ...pageFacts(readFileSync(join(site, path), 'utf8')) })), partWords);
  let indexed = 0;
  if (parts.length === 1) indexed = await runPagefind(site, 'incidents/*/index.html', join(site, 'pagefind'));
  else {
    const counts = await inPool(parts, concurrency, (part, index) => indexPart(site, part, index));
    indexed = counts.reduce((sum, count) => sum + count, 0);
  }
  if (indexed !== pages.length) throw new Error(`Pagefind indexed ${indexed} of the ${pages.length} post-mortem pages`);
  writeManifest(site, parts.length);
  return { pages: indexed, parts: parts.length, ms: elapsed(started) };
}

const elapsed = (started: number) => Math.round(performance.now() - started);

/** `incidents/<slug>/index.html` of every post-mortem page of the built site. */
function incidentPages(site: string): string[] {
  const incidents = join(site, 'incidents');
  if (!existsSync(incidents)) return [];
  return readdirSync(incidents, { withFileTypes: true })
    .filter((item) => item.isDirectory() && existsSync(join(incidents, item.name, 'index.html')))
    .map((item) => `incidents/${item.name}/index.html`);
}

/** The folder a part's index is written to, from the site root: the first is Pagefind's usual one. */
const partFolder = (index: number) => (index === 0 ? 'pagefind/' : `pagefind/part-${index + 1}/`);

function writeManifest(site: string, count: number): void {
  const parts = Array.from({ length: count }, (_, index) => partFolder(index));
  writeFileSync(join(site, PARTS_MANIFEST), `${JSON.stringify({ parts })}\n`);
}

/**
 * Indexes one part: its pages are linked (copied where links cannot be made) into a folder of
 * their own beside the site's pages, at the same paths, so Pagefind records the same URLs.
 */
async function indexPart(site: string, part: IndexedPage[], index: number): Promise<number> {
  const staging = join(site, `.pagefind-part-${index + 1}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const page of part) {
      const target = join(staging, page.path);
      mkdirSync(dirname(target), { recursive: true });
      try {
        linkSync(join(site, page.path), target);
      } catch {
        copyFileSync(join(site, page.path), target);
      }
    }
    return await runPagefind(staging, 'incidents/*/index.html', join(site, partFolder(index)));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Runs `work` over the items, at most `limit` at once; the results in the items' order. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** One Pagefind run: the pages of `site` that match `glob`, indexed into `output`; how many it indexed. */
function runPagefind(site: string, glob: string, output: string): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [PAGEFIND, '--site', site, '--glob', glob, '--output-path', output], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      const pages = /Indexed (\d+) pages?/.exec(log);
      if (code !== 0 || !pages) fail(new Error(`Pagefind could not index the site (exit ${code}):\n${log.trim()}`));
      else done(Number(pages[1]));
    });
  });
}
