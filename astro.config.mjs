// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { dataStoreModule } from './src/integrations/data-store-module.ts';
import { readSettings } from './src/settings.ts';

const settings = readSettings();

export default defineConfig({
  // Feeds and the sitemap need absolute URLs; settings.url names where the site is hosted.
  site: settings.url ?? 'http://localhost:4321',
  trailingSlash: 'always',
  // Tests build several fixture libraries; each gets its own content-layer cache.
  ...(process.env.HINDSIGHT_CACHE_DIR ? { cacheDir: process.env.HINDSIGHT_CACHE_DIR } : {}),
  // The Pagefind index is built by `npm run build` (scripts/build.ts) once Astro has exited.
  integrations: [mdx(), sitemap(), dataStoreModule()],
});
