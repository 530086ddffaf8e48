import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettings } from './settings.ts';
import { ContentError } from '../core/content-error.ts';

describe('readSettings and HINDSIGHT_URL', () => {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-settings-'));
  writeFileSync(join(root, 'settings.yaml'), 'name: Acme\nurl: https://postmortems.example.com\n');

  it.each([
    [{}, 'https://postmortems.example.com'],
    [{ HINDSIGHT_URL: '' }, 'https://postmortems.example.com'],
    [{ HINDSIGHT_URL: 'https://acme.github.io/postmortems/' }, 'https://acme.github.io/postmortems/'],
  ])('with %j the site is at %s', (env, url) => {
    expect(readSettings(root, env).url).toBe(url);
  });

  it('refuses a HINDSIGHT_URL that is not an absolute http(s) URL, naming it', () => {
    expect(() => readSettings(root, { HINDSIGHT_URL: 'acme.github.io/postmortems' })).toThrow(ContentError);
    expect(() => readSettings(root, { HINDSIGHT_URL: 'ftp://acme.example/' })).toThrow(/HINDSIGHT_URL="ftp:\/\/acme.example\/" must be an absolute http\(s\) URL/);
  });
});
