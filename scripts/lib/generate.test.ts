import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { checkLibrary } from '../../src/ingestion/load.ts';
import { buildLibrary } from '../../src/domain/library.ts';
import { countWords, generateLibrary, DEFAULT_TODAY } from './generate.ts';
import { KINDS, SEVERITIES } from '../../src/schemas/postmortem.ts';
import { ACTION_STATUSES } from '../../src/schemas/action.ts';

const files = generateLibrary({ count: 30, seed: 7 });
const frontmatter = files.filter((file) => file.path.endsWith('.mdx')).map((file) => parse(file.text.split('\n---\n')[0].slice(4)));

const written: string[] = [];
afterAll(() => {
  for (const root of written) rmSync(root, { recursive: true, force: true });
});

function writeOut(generated: { path: string; text: string }[]): string {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-generate-'));
  written.push(root);
  for (const file of generated) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.text);
  }
  return root;
}

describe('generateLibrary', () => {
  it('writes N post-mortems and a settings file', () => {
    expect(files.filter((file) => file.path.endsWith('.mdx'))).toHaveLength(30);
    expect(files[0].path).toBe('settings.yaml');
    expect(new Set(files.map((file) => file.path)).size).toBe(files.length);
  });

  it('is reproducible for a seed, and differs between seeds', () => {
    expect(generateLibrary({ count: 30, seed: 7 })).toEqual(files);
    expect(generateLibrary({ count: 30, seed: 8 })).not.toEqual(files);
  });

  it('passes npm run check with no errors and no warnings', async () => {
    const root = writeOut(files);
    const result = await checkLibrary(root, root);
    expect(result.problems.map((p) => `${p.file}:${p.line} ${p.field} ${p.message} [${p.rule}]`)).toEqual([]);
    expect(result.entries).toHaveLength(30);
  });

  it('has the variety of a real library', () => {
    const kinds = new Set(frontmatter.map((pm) => pm.kind));
    const severities = new Set(frontmatter.map((pm) => pm.severity));
    const statuses = new Set(frontmatter.map((pm) => pm.status ?? 'published'));
    const actionStatuses = new Set(frontmatter.flatMap((pm) => pm.actions.map((action: { status: string }) => action.status)));
    expect([...kinds].sort()).toEqual([...KINDS].sort());
    expect([...severities].sort()).toEqual([...SEVERITIES].sort());
    expect([...actionStatuses].sort()).toEqual([...ACTION_STATUSES].sort());
    expect(statuses.has('draft')).toBe(true);
    expect(frontmatter.some((pm) => pm.regulatory)).toBe(true);
    expect(frontmatter.every((pm) => pm.timeline.length >= 5 && pm.timeline.length <= 40)).toBe(true);
    expect(frontmatter.every((pm) => pm.actions.length >= 1 && pm.actions.length <= 8)).toBe(true);
    // A timeline that crosses midnight writes the new day as a full date-time.
    expect(frontmatter.some((pm) => pm.timeline.slice(1).some((entry: { at: string }) => entry.at.includes('T')))).toBe(true);
    const years = new Set(frontmatter.map((pm) => pm.started.slice(0, 4)));
    expect(years.has('2019') && years.has('2026')).toBe(true);
    for (const file of files.filter((item) => item.path.endsWith('.mdx'))) {
      const body = file.text.split('\n---\n').slice(1).join('\n---\n');
      expect(countWords(body)).toBeGreaterThanOrEqual(300);
      expect(countWords(body)).toBeLessThanOrEqual(1000);
      expect(body).toMatch(/^\| --- \|/m);
      expect(body).toMatch(/^```\w+$/m);
      expect(body).toMatch(/^- /m);
    }
  });

  it('has explicit and detected repeats and related links in a larger library', async () => {
    const root = writeOut(generateLibrary({ count: 150, seed: 3 }));
    const result = await checkLibrary(root, root);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const library = buildLibrary(
      result.entries.map((entry) => ({ id: entry.id, file: entry.file, data: entry.data })),
      result.settings!,
      { today: DEFAULT_TODAY, drafts: false, visibility: 'all' },
    );
    const repeats = library.published.filter((incident) => incident.repeat);
    expect(repeats.some((incident) => incident.repeat!.detected)).toBe(true);
    expect(repeats.some((incident) => !incident.repeat!.detected)).toBe(true);
    expect(library.published.some((incident) => incident.related.length > 0)).toBe(true);
    expect(library.published.some((incident) => incident.actions.some((action) => action.overdue))).toBe(true);
  });
});
