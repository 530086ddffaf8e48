// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { dataStoreModule } from './src/loader/data-store-module.ts';
import { narrativeMedia } from './src/loader/narrative-media.ts';
import { collectGarbage } from './src/loader/collect-garbage.ts';
import { contentRoot } from './src/ingestion/load.ts';
import { readSettings } from './src/ingestion/settings.ts';
import { basePathOf } from './src/core/urls.ts';

const settings = readSettings();

export default defineConfig({
  // Feeds and the sitemap need absolute URLs; settings.url names where the site is hosted.
  site: settings.url ?? 'http://localhost:4321',
  // A URL with a path (`https://acme.github.io/postmortems/`) hosts the site under that path:
  // every page, asset, feed and the search index live there (docs/deploy.md).
  base: basePathOf(settings.url),
  trailingSlash: 'always',
  // Pages are rendered eight at a time on the one thread: while one waits for its file to be
  // written (or its narrative read), another renders. With one at a time the thread stood idle
  // for 30–60 % of page generation; 1,000 post-mortems: 6.5 → 4.5 s, 10,000: 47 → 41 s, the
  // same files byte for byte (docs/performance.md).
  build: { concurrency: 8 },
  // Scoped styles mark their elements with a class (` astro-1a2b3c4d`) instead of an attribute
  // (` data-astro-cid-1a2b3c4d`): the same selectors with the same specificity (`.x.astro-…`
  // against `.x[data-astro-cid-…]`), so the cascade is unchanged, in fewer bytes on every element
  // (a third of an incident page was these attributes). 'where' would lower the specificity of
  // every scoped rule to that of the global ones and let their order decide.
  scopedStyleStrategy: 'class',
  // Tests build several fixture libraries; each gets its own content-layer cache.
  ...(process.env.HINDSIGHT_CACHE_DIR ? { cacheDir: process.env.HINDSIGHT_CACHE_DIR } : {}),
  // The Pagefind index is built by `npm run build` (scripts/build.ts) once Astro has exited.
  // A Content-Security-Policy on every page (docs/safety.md): the site's own scripts and styles
  // only (Astro hashes them), Pagefind's WebAssembly, images from this site, no frames, no plug-ins,
  // no other origin. Shiki writes colours as style attributes, hence 'unsafe-inline' for those alone.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "worker-src 'self'",
        "frame-src 'none'",
        "child-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
  },
  // Narratives are highlighted by their own renderer (src/loader/narrative.ts, with Shiki's
  // github-dark); Astro's Markdown pipeline renders nothing of ours, and its Shiki would only
  // warn that inline styles need CSP's 'unsafe-inline' (allowed above for style attributes alone).
  markdown: { syntaxHighlight: false },
  integrations: [mdx(), sitemap(), dataStoreModule(), narrativeMedia(contentRoot()), collectGarbage()],
});
