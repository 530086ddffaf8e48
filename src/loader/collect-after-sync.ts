import type { AstroIntegration } from 'astro';

/**
 * Collects the content sync's garbage once it is done, before Vite's build and the pages begin,
 * where the process allows it (`node --expose-gc`, as scripts/build.ts starts Astro). V8 grows
 * its heap rather than collect while it has room: at 10,000 post-mortems it went from 0.3 to
 * 1.26 GB between the end of the sync and the first pages, 0.9 GB of it garbage, and the process
 * kept the memory (docs/performance.md). One full collection there takes 0.1 s.
 */
export function collectAfterSync(): AstroIntegration {
  return {
    name: 'hindsight-collect-after-sync',
    hooks: {
      'astro:build:start': () => {
        (globalThis as { gc?: () => void }).gc?.();
      },
    },
  };
}
