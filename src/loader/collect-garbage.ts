import type { AstroIntegration } from 'astro';

/**
 * A full collection that also gives the memory back, where the process allows it (`node
 * --expose-gc`, as scripts/build.ts starts Astro): V8's "last resort" collection, which returns
 * the freed pages a regular one keeps pooled for reuse.
 */
export function collect(): void {
  (globalThis as { gc?: (options: object) => void }).gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

/**
 * Collects once the content sync is done and again once Vite's build is, before the pages.
 * V8 grows its heap rather than collect while it has room: at 10,000 post-mortems it went from
 * 0.3 to 1.26 GB between the end of the sync and the first pages, 0.9 GB of it garbage, and kept
 * the memory; after Vite's build, a regular collection left 0.37 GB of heap committed for 0.19
 * in use, this one nothing. Astro's peak 1.86 → 1.64–1.70 GB, at 0.1–0.2 s a collection
 * (docs/performance.md).
 */
export function collectGarbage(): AstroIntegration {
  return {
    name: 'hindsight-collect-garbage',
    hooks: {
      'astro:build:start': collect,
      'astro:config:setup': ({ updateConfig }) => {
        // Vite's app build runs the pages in its last `buildApp` step (Astro's, added after the
        // plugins of the config): this one runs just before it.
        updateConfig({ vite: { plugins: [{ name: 'hindsight-collect-garbage', buildApp: { order: 'post', handler: async () => collect() } }] } });
      },
    },
  };
}
