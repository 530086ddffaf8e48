import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The pagefind package's own launcher, which runs the binary built for this platform.
const PAGEFIND = resolve(import.meta.dirname, '../../node_modules/pagefind/lib/runner/bin.cjs');

/**
 * Builds the Pagefind index of a built site into `<site>/pagefind`. Only pages that mark their
 * content with `data-pagefind-body` (the post-mortem pages) are indexed, and only those are read:
 * the list pages that grow with the library (`/actions/` is 46 MB at 10,000 post-mortems) would
 * be parsed for nothing. Add a glob here for any other page that gets data-pagefind-body.
 *
 * Pagefind's command line, not its Node API: the same index, and at 10,000 post-mortems 65 s
 * instead of 97 s (docs/performance.md).
 */
export function indexSite(site: string): Promise<{ pages: number; ms: number }> {
  const started = performance.now();
  // Pagefind refuses to write an empty index; a library with no post-mortem yet indexes its home
  // page, which says so, and the search page keeps working.
  const incidents = join(site, 'incidents');
  const empty = !existsSync(incidents) || !readdirSync(incidents, { withFileTypes: true }).some((item) => item.isDirectory() && existsSync(join(incidents, item.name, 'index.html')));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [PAGEFIND, '--site', site, '--glob', empty ? 'index.html' : 'incidents/*/index.html'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      const pages = /Indexed (\d+) pages?/.exec(output);
      if (code !== 0 || !pages) fail(new Error(`Pagefind could not index the site (exit ${code}):\n${output.trim()}`));
      else done({ pages: Number(pages[1]), ms: Math.round(performance.now() - started) });
    });
  });
}
