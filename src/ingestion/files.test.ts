import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { listContent, safeName } from './files.ts';

/** A postmortems/ folder with these files (a trailing / makes a folder). */
function folder(names: readonly string[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'hindsight-files-')), 'postmortems');
  for (const name of names) {
    const path = join(dir, name);
    if (name.endsWith('/')) mkdirSync(path, { recursive: true });
    else {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, 'x');
    }
  }
  return dir;
}

describe('the one list of post-mortem files (listContent)', () => {
  it('reads .mdx files in any sub-folder, sorted, and lets images and dotfiles be', () => {
    const dir = folder(['2026/b.mdx', '2025/a.mdx', 'c.md', '2026/pool.png', 'diagrams/d.JPG', '.gitkeep', '2026/.DS_Store', '.git/config']);
    const { postmortems, problems } = listContent(dir);
    expect(postmortems.map((path) => relative(dir, path))).toEqual(['2025/a.mdx', '2026/b.mdx', 'c.md']);
    expect(problems).toEqual([]);
  });

  it.each([
    ['a .markdown file', 'notes.markdown', 'error', /is not read: post-mortems are \.md or \.mdx files; rename it to "notes\.md"/],
    ['an .MDX in capitals', 'big.MDX', 'error', /rename it to "big\.mdx"/],
    ['a hidden post-mortem', '.draft.mdx', 'error', /hidden file .* rename it to "draft\.mdx"/],
    ['a # in the name', 'cdn#2.mdx', 'error', /cannot carry; rename it to "cdn-2\.mdx"/],
    ['a space in the name', 'cdn push.mdx', 'error', /rename it to "cdn-push\.mdx"/],
    ['an accented name', 'café.mdx', 'error', /rename it to "cafe\.mdx"/],
    ['a text file', 'notes.txt', 'warning', /is not a post-mortem \(\.md, \.mdx\) or an image/],
    ['an SVG', 'diagram.svg', 'warning', /is not a post-mortem/],
    ['a folder name with a #', 'q#1/a.mdx', 'error', /folder name .* rename it to "q-1"/],
    ['a hidden folder of post-mortems', '.old/a.mdx', 'error', /hidden folder .* would not be built/],
  ])('%s gets a message', (_name, name, severity, message) => {
    const { postmortems, problems } = listContent(folder([name]));
    expect(postmortems).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity, message: expect.stringMatching(message) });
  });

  it('refuses a symbolic link, to a file or to a folder, and never follows it', () => {
    const dir = folder(['real.mdx']);
    const outside = mkdtempSync(join(tmpdir(), 'hindsight-outside-'));
    writeFileSync(join(outside, 'secret.mdx'), 'x');
    symlinkSync(join(outside, 'secret.mdx'), join(dir, 'linked.mdx'));
    symlinkSync(outside, join(dir, 'linked-folder'));
    const { postmortems, problems } = listContent(dir);
    expect(postmortems.map((path) => relative(dir, path))).toEqual(['real.mdx']);
    expect(problems.map((problem) => [relative(dir, problem.path), problem.severity])).toEqual([['linked-folder', 'error'], ['linked.mdx', 'error']]);
    expect(problems[0].message).toMatch(/symbolic link/);
  });

  it('gives an empty list for a library without a postmortems/ folder', () => {
    expect(listContent(join(tmpdir(), 'no-such-hindsight-folder'))).toEqual({ postmortems: [], problems: [] });
  });

  it.each([
    ['cdn push.mdx', 'cdn-push.mdx'],
    ['#1.mdx', '1.mdx'],
    ['###.mdx', 'postmortem.mdx'],
    ['Ünïcode Ñame.MDX', 'Unicode-Name.mdx'],
  ])('safeName(%s) is %s', (name, expected) => {
    expect(safeName(name)).toBe(expected);
  });
});
