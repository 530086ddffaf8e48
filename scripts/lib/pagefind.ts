import { join } from 'node:path';
import * as pagefind from 'pagefind';

/**
 * Builds the Pagefind index of a built site into `<site>/pagefind`. Only pages that mark their
 * content with `data-pagefind-body` (the post-mortem pages) are indexed, and only those are read:
 * the list pages that grow with the library (`/actions/` is 46 MB at 10,000 post-mortems) would
 * be parsed for nothing. Add a glob here for any other page that gets data-pagefind-body.
 */
export async function indexSite(site: string): Promise<{ pages: number; ms: number }> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: site, glob: 'incidents/*/index.html' });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    return { pages: added.page_count, ms: Math.round(performance.now() - started) };
  } finally {
    await pagefind.close();
  }
}
