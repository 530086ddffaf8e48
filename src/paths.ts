import { withBase } from './core/urls.ts';

/**
 * A site path as a reader follows it, under the base path the site is hosted at
 * (`settings.url`, src/core/urls.ts). Every link, asset and data URL a page writes goes through it.
 */
export function href(path: string): string {
  return withBase(import.meta.env.BASE_URL, path);
}
