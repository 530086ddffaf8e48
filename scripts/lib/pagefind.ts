import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, setPriority } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { dateRuns, pageFacts, planParts, PART_WORDS, wordsThatFit, type IndexedPage } from './search-parts.ts';

// The Pagefind binary built for this platform, found as the pagefind package's own launcher
// (lib/runner/bin.cjs) finds it, and started directly: the launcher is a Node process of 50 MB
// beside every run, for nothing but starting the binary.
const { resolveBinaryPath } = (await import(pathToFileURL(resolve(import.meta.dirname, '../../node_modules/pagefind/lib/resolveBinary.js')).href)) as {
  resolveBinaryPath(names: string[]): string;
};
let binary: string | undefined;

/** Where the search page finds the parts of the index: `pagefind/parts.json`. */
export const PARTS_MANIFEST = 'pagefind/parts.json';

/** A part of the index as the search page reads it (src/client/search-merge.ts). */
export interface ManifestPart {
  /** Its folder from the site root, ending in a slash. */
  path: string;
  /** The sort dates of its pages, ascending as Pagefind orders them: [date, pages] runs. */
  dates: [string, number][];
}

export interface IndexOptions {
  /** Words a part may hold (search-parts.ts); `HINDSIGHT_SEARCH_PART_WORDS` sets it for a build. */
  partWords?: number;
  /** Parts indexed at once once the site is built: two on a machine with a second core. */
  concurrency?: number;
}

/**
 * What an index build did: pages and parts indexed, how many parts while Astro wrote the site,
 * whether it was built again from the finished site (a page changed after it was indexed), and
 * how long it took from finish() on.
 */
export interface IndexResult {
  pages: number;
  parts: number;
  during: number;
  again?: boolean;
  ms: number;
}

/** A post-mortem page as read: what the planner needs, and what it was when read. */
interface ReadPage extends IndexedPage {
  size: number;
  mtimeMs: number;
}

/**
 * Builds the Pagefind index of a site into `<site>/pagefind`, in parts (search-parts.ts): part 1
 * in `pagefind/`, part N in `pagefind/part-N/`, each a whole Pagefind bundle, listed with the
 * dates of their pages in `pagefind/parts.json` for the search page.
 *
 * Only post-mortem pages (`incidents/<id>/index.html`, which mark their content with
 * `data-pagefind-body`) are read and indexed: the list pages would be parsed for nothing.
 *
 * It can start while Astro is still writing the site (`poll()`, one part at a time beside Astro):
 * a page is taken once it is whole (it ends with `</html>`), and parts hold whatever pages were
 * whole, in any order of dates. `finish()`, once Astro has exited, indexes the rest and checks
 * that every page was indexed as it ended up; if any changed after it was read, the whole index
 * is built again from the finished site.
 *
 * Pagefind's command line, not its Node API: the same index, and at 10,000 post-mortems 65 s
 * instead of 97 s (docs/performance.md).
 */
export class SiteIndexer {
  readonly #site: string;
  readonly #partWords: number;
  readonly #concurrency: number;
  readonly #children = new Set<ChildProcess>();
  /** Pages read and not yet given to a part. */
  #pending: ReadPage[] = [];
  readonly #seen = new Set<string>();
  readonly #parts: { pages: ReadPage[]; done: Promise<number> }[] = [];
  #running = 0;
  #failure: Error | undefined;
  /** Until finish(): Astro is writing the site, and a part runs beside it at a lower priority. */
  #besideAstro = true;

  constructor(site: string, options: IndexOptions = {}) {
    this.#site = site;
    this.#partWords = options.partWords ?? PART_WORDS;
    this.#concurrency = options.concurrency ?? Math.min(2, availableParallelism());
  }

  /** Removes an earlier index and earlier post-mortem pages, so nothing read is from another build. */
  clear(): void {
    for (const folder of ['pagefind', 'incidents']) rmSync(join(this.#site, folder), { recursive: true, force: true });
  }

  /**
   * Takes the pages written since the last call; once half a part's worth waits and no part runs,
   * indexes a part beside Astro of what waits, as large as `room` (bytes of memory to spare)
   * allows (wordsThatFit), or none while too little is free. A library of less than half a part
   * (about 400 post-mortems) is left for finish(), which indexes it in one part, never beside Astro.
   */
  poll(room = Infinity): void {
    this.#take(false);
    if (this.#running > 0 || wordsOf(this.#pending) < this.#partWords / 2) return;
    const limit = wordsThatFit(room, this.#partWords);
    if (limit === 0) return;
    let words = 0;
    let count = 0;
    while (count < this.#pending.length && words + this.#pending[count].words <= limit) words += this.#pending[count++].words;
    this.#startPart(this.#pending.splice(0, Math.max(1, count)));
  }

  /** Stops every Pagefind run (Astro failed): nothing half-written is left beside the site. */
  abort(): void {
    for (const child of this.#children) child.kill();
  }

  /**
   * Once the site is whole: indexes the pages not yet indexed, checks every part, writes the list
   * of parts. `ms`: from this call to the end, the time the index adds to the build; `during`:
   * the parts indexed while Astro wrote the site.
   */
  async finish(): Promise<IndexResult> {
    const started = performance.now();
    const during = this.#parts.length;
    this.#besideAstro = false;
    this.#take(true);
    // Built afresh (not begun while Astro wrote): an earlier build's parts go first.
    if (this.#parts.length === 0) rmSync(join(this.#site, 'pagefind'), { recursive: true, force: true });
    const pages = this.#seen.size;
    if (pages === 0) {
      // Pagefind refuses to write an empty index; a library with no post-mortem yet indexes its
      // home page, which says so, and the search page keeps working.
      await this.#settle();
      const indexed = await runPagefind(this.#site, 'index.html', join(this.#site, 'pagefind'), { children: this.#children, nice: 0 });
      this.#writeManifest([{ path: partFolder(0), dates: [] }]);
      return { pages: indexed, parts: 1, during, ms: elapsed(started) };
    }
    // The rest in parts as even as the words allow; a site indexed in one part, as it stands.
    // Once a part was indexed beside Astro, the library is large enough for every core to take a
    // part of the rest (1,000 post-mortems: the index added 2.9–3.2 s after Astro, now 2.3–2.4 s).
    const rest = planParts(this.#pending.splice(0), this.#partWords, this.#parts.length > 0 ? this.#concurrency : 1);
    const whole = this.#parts.length === 0 && rest.length === 1;
    for (const part of rest) this.#startPart(part, whole);
    await this.#settle();
    if (this.#failure) throw this.#failure;
    const counts = await Promise.all(this.#parts.map((part) => part.done));
    const indexed = counts.reduce((sum, count) => sum + count, 0);
    if (indexed !== pages) throw new Error(`Pagefind indexed ${indexed} of the ${pages} post-mortem pages`);
    if (this.#parts.some((part) => part.pages.some((page) => changed(join(this.#site, page.path), page)))) {
      // A page written again after it was indexed: index the finished site afresh.
      const again = await new SiteIndexer(this.#site, { partWords: this.#partWords, concurrency: this.#concurrency }).finish();
      return { ...again, during: 0, again: true, ms: elapsed(started) };
    }
    this.#writeManifest(this.#parts.map((part, index) => ({ path: partFolder(index), dates: dateRuns(part.pages.map((page) => page.date)) })));
    return { pages: indexed, parts: this.#parts.length, during, ms: elapsed(started) };
  }

  /** Reads every post-mortem page not seen yet; while Astro writes, only those already whole. */
  #take(final: boolean): void {
    const incidents = join(this.#site, 'incidents');
    if (!existsSync(incidents)) return;
    for (const item of readdirSync(incidents, { withFileTypes: true })) {
      const path = `incidents/${item.name}/index.html`;
      if (!item.isDirectory() || this.#seen.has(path)) continue;
      const file = join(this.#site, path);
      let html: string;
      let stat: { size: number; mtimeMs: number };
      try {
        html = readFileSync(file, 'utf8');
        // After the read: a page read whole was written to its end, so this is what it stays.
        stat = statSync(file);
      } catch {
        continue; // its folder is there, the page not yet
      }
      // A page that does not end yet is still being written.
      if (!final && (!html.trimEnd().endsWith('</html>') || stat.size !== Buffer.byteLength(html))) continue;
      const page: ReadPage = { path, ...pageFacts(html), size: stat.size, mtimeMs: stat.mtimeMs };
      this.#seen.add(path);
      this.#pending.push(page);
    }
  }

  /**
   * Queues a part; it starts once fewer than `concurrency` parts run. `whole`: the part is every
   * post-mortem page of the site, indexed where it stands rather than from linked copies.
   */
  #startPart(pages: ReadPage[], whole = false): void {
    const index = this.#parts.length;
    const done = this.#slot().then(async () => {
      try {
        const output = join(this.#site, partFolder(index));
        // Beside Astro, a part takes what Astro leaves of the cores (nice 10): page generation
        // runs on one thread, and a part at the same priority slowed it by a fifth.
        const run = { children: this.#children, nice: this.#besideAstro ? 10 : 0 };
        return await (whole ? runPagefind(this.#site, 'incidents/*/index.html', output, run) : indexPart(this.#site, pages, output, index, run));
      } catch (error) {
        this.#failure ??= error as Error;
        return 0;
      } finally {
        this.#running--;
        this.#wake();
      }
    });
    this.#parts.push({ pages, done });
  }

  readonly #waiting: (() => void)[] = [];

  /** Resolves when a part may start: one while Astro writes the site is the caller's choice (poll). */
  #slot(): Promise<void> {
    if (this.#running < this.#concurrency) {
      this.#running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(() => (this.#running++, resolve())));
  }

  #wake(): void {
    while (this.#running < this.#concurrency && this.#waiting.length) this.#waiting.shift()!();
  }

  async #settle(): Promise<void> {
    await Promise.all(this.#parts.map((part) => part.done));
  }

  #writeManifest(parts: ManifestPart[]): void {
    writeFileSync(join(this.#site, PARTS_MANIFEST), `${JSON.stringify({ parts })}\n`);
  }
}

/** Builds the index of a finished site (SiteIndexer, with nothing taken while Astro wrote it). */
export function indexSite(site: string, options: IndexOptions = {}): Promise<IndexResult> {
  return new SiteIndexer(site, options).finish();
}

const wordsOf = (pages: readonly IndexedPage[]) => pages.reduce((sum, page) => sum + page.words, 0);

const elapsed = (started: number) => Math.round(performance.now() - started);

/** The folder a part's index is written to, from the site root: the first is Pagefind's usual one. */
const partFolder = (index: number) => (index === 0 ? 'pagefind/' : `pagefind/part-${index + 1}/`);

function changed(file: string, page: ReadPage): boolean {
  try {
    const stat = statSync(file);
    return stat.size !== page.size || stat.mtimeMs !== page.mtimeMs;
  } catch {
    return true;
  }
}

/**
 * Indexes one part: its pages are linked (copied where links cannot be made) into a folder of
 * their own beside the site's pages, at the same paths, so Pagefind records the same URLs.
 */
async function indexPart(site: string, part: readonly IndexedPage[], output: string, index: number, run: PagefindRun): Promise<number> {
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
    return await runPagefind(staging, 'incidents/*/index.html', output, run);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Where a Pagefind run is recorded (to stop it), and its niceness (0: as this process). */
interface PagefindRun {
  children: Set<ChildProcess>;
  nice: number;
}

/** One Pagefind run: the pages of `site` that match `glob`, indexed into `output`; how many it indexed. */
function runPagefind(site: string, glob: string, output: string, { children, nice }: PagefindRun): Promise<number> {
  return new Promise((done, fail) => {
    let child: ChildProcess & { stdout: Readable; stderr: Readable };
    try {
      binary ??= resolveBinaryPath(['pagefind_extended', 'pagefind']);
      child = spawn(binary, ['--site', site, '--glob', glob, '--output-path', output], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      return fail(error);
    }
    children.add(child);
    child.on('exit', () => children.delete(child));
    if (nice && child.pid) {
      try {
        setPriority(child.pid, nice);
      } catch {
        // Not allowed here: it runs at the same priority.
      }
    }
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
