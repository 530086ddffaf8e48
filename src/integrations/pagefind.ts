import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

/**
 * Builds the Pagefind index into `dist/pagefind` as the last step of `astro build`, so one command
 * gives a searchable site. Only pages that mark their content with `data-pagefind-body` (the
 * post-mortem pages) are indexed.
 */
export function pagefindIndex(): AstroIntegration {
  return {
    name: 'hindsight-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const started = performance.now();
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        try {
          // Only the post-mortem pages carry data-pagefind-body, and Pagefind leaves every other
          // page out of the index anyway; not handing it the rest (list pages that grow with the
          // library, such as /actions/) saves reading and parsing them. Add a glob here for any
          // other page that gets data-pagefind-body.
          const added = await index.addDirectory({ path: site, glob: 'incidents/*/index.html' });
          if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
          if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
          logger.info(`indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
