// docs/safety.md#public-means-public: a public build emits nothing that comes from an internal
// post-mortem — not its images, and not a public narrative that names it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, ROOT } from './helpers/build.ts';
import { useLibraries } from './helpers/library.ts';

const makeLibrary = useLibraries('public');

function postmortem(id: string, visibility: 'public' | 'internal', body: string): string {
  return readFileSync(join(ROOT, 'tests/fixtures/search/postmortems/two.mdx'), 'utf8')
    .replace('id: SRCH-2', `id: ${id}\nvisibility: ${visibility}`)
    .replace('title: Search latency doubled', `title: Search latency doubled in ${id}`)
    .replace(/\n---\n[\s\S]*$/, `\n---\n\n${body}\n`);
}

const library = (files: Record<string, string | Buffer>) => makeLibrary(files, 'name: Mixed\ntimezone: UTC\n');

function check(dir: string, env: Record<string, string>) {
  const result = spawnSync(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'scripts/check.ts')], {
    cwd: dir,
    env: { ...process.env, HINDSIGHT_CONTENT: dir, HINDSIGHT_CACHE_DIR: join(dir, '.cache'), NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, output: result.stdout + result.stderr };
}

describe('a public post-mortem that names an internal one', () => {
  const dir = library({
    'internal.mdx': postmortem('INT-1', 'internal', 'Internal details.'),
    'public.mdx': postmortem('PUB-1', 'public', 'This repeats [INT-1](/incidents/INT-1/), whose details stay internal.'),
  });

  it('is an error in a public check, and in a public build', async () => {
    const result = check(dir, { HINDSIGHT_VISIBILITY: 'public' });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/postmortems\/public\.mdx:\d+:\d+\s+body\s+names the internal post-mortem INT-1 .*\[error: public-leak\]/);
    const build = await buildSite(dir, { HINDSIGHT_VISIBILITY: 'public' });
    expect(build.code).not.toBe(0);
    expect(build.output).toMatch(/\[error: public-leak\]/);
  });

  it('is fine in the internal library, where both are shown', () => {
    expect(check(dir, {}).code).toBe(0);
  });
});

describe('images of post-mortems in a public build', () => {
  // Two different pictures (different bytes, so different digests).
  const dir = library({
    'internal.mdx': postmortem('INT-2', 'internal', '![internal diagram](./internal.png)'),
    'public.mdx': postmortem('PUB-2', 'public', '![public diagram](./public.png)'),
    'internal.png': Buffer.from('internal picture'),
    'public.png': Buffer.from('public picture'),
  });

  it('are emitted only for the pages built: the public one, not the internal one', async () => {
    const build = await buildSite(dir, { HINDSIGHT_VISIBILITY: 'public' });
    expect(build.code, build.output).toBe(0);
    const media = readdirSync(join(build.outDir, '_media'));
    expect(media).toHaveLength(1);
    expect(readFileSync(join(build.outDir, '_media', media[0]), 'utf8')).toBe('public picture');
    expect(readFileSync(join(build.outDir, 'incidents/PUB-2/index.html'), 'utf8')).toContain(`src="/_media/${media[0]}"`);
    expect(existsSync(join(build.outDir, 'incidents/INT-2'))).toBe(false);
    // Nothing of the internal picture anywhere in the output.
    for (const file of readdirSync(build.outDir, { recursive: true, encoding: 'utf8' })) {
      if (/\.(?:html|json|xml|js|css|png)$/.test(file)) expect(readFileSync(join(build.outDir, file), 'utf8')).not.toContain('internal picture');
    }
  });

  it('are all emitted in the internal build', async () => {
    const build = await buildSite(dir);
    expect(build.code, build.output).toBe(0);
    expect(readdirSync(join(build.outDir, '_media'))).toHaveLength(2);
  });
});
