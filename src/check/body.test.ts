import { describe, expect, it } from 'vitest';
import { readProse, type BodyParse } from './body.ts';

const FRONTMATTER = '---\ntitle: A post-mortem\nseverity: SEV-2\n---\n';

/** The prose of a body written after a 4-line frontmatter, each block as [file offset, text]. */
function prose(body: string): [number, string][] {
  const result = readProse(FRONTMATTER + body, FRONTMATTER.length);
  if ('error' in result) throw new Error(result.error.message);
  return result.prose.map((segment) => [segment.offset, segment.text]);
}

function error(body: string): { line: number; column: number; message: string } {
  const text = FRONTMATTER + body;
  const result: BodyParse = readProse(text, FRONTMATTER.length);
  if (!('error' in result)) throw new Error('expected an MDX syntax error');
  const before = text.slice(0, result.error.offset);
  return { line: before.split('\n').length, column: result.error.offset - before.lastIndexOf('\n'), message: result.error.message };
}

describe('readProse', () => {
  it('returns paragraphs, headings and table cells at their offsets in the file', () => {
    const body = '\n## What happened\n\nThe queue filled up.\n\n| when | what |\n|---|---|\n| 09:12 | Alert fires |\n';
    const at = (part: string) => FRONTMATTER.length + body.indexOf(part);
    expect(prose(body)).toEqual([
      [at('## What'), '## What happened'],
      [at('The queue'), 'The queue filled up.'],
      [at('| when'), '  when '],
      [at('| what |'), '  what  '],
      [at('| 09:12'), '  09:12 '],
      [at('| Alert'), '  Alert fires  '],
    ]);
  });

  it('leaves out code blocks and blanks inline code, JSX, expressions and footnote calls, keeping offsets', () => {
    const body = '\n```\nhuman error\n```\n\nRan `human error` with <Abbr title="x">HE</Abbr> and {1 + 1} too.[^1]\n\n[^1]: A note.\n';
    const blanked = (part: string) => ' '.repeat(part.length);
    expect(prose(body).map(([, text]) => text)).toEqual([
      `Ran ${blanked('`human error`')} with ${blanked('<Abbr title="x">HE</Abbr>')} and ${blanked('{1 + 1}')} too.${blanked('[^1]')}`,
      'A note.',
    ]);
  });

  it('keeps link text and blanks URLs, bare ones included', () => {
    const body = '\nSee [the runbook](https://wiki.example.com/blame) or https://git.example.com/blame and www.example.com/blame or ops@example.com.\n';
    const [[, text]] = prose(body);
    expect(text).not.toMatch(/blame|example/);
    expect(text).toMatch(/^See {2}the runbook {2,}or {2,}and {2,}or {2,}\.$/);
    expect(text).toHaveLength(body.trim().length);
  });

  it('blanks the URL of a link, inside emphasis too', () => {
    const body = '\nSee [the runbook](https://wiki.example.com/blame) and **[the RFC](https://docs.example.com/rfc/blame)**.\n';
    const [[, text]] = prose(body);
    expect(text).toBe(`See  the runbook${' '.repeat('](https://wiki.example.com/blame)'.length)} and    the RFC${' '.repeat('](https://docs.example.com/rfc/blame)'.length)}  .`);
  });

  it('blanks emphasis and strike-through markers, so words around them stay adjacent', () => {
    expect(prose('\n**Tom** forgot, _really_ ~~not~~ now.\n')).toEqual([[FRONTMATTER.length + 1, '  Tom   forgot,  really    not   now.']]);
  });

  it('parses a whole file, frontmatter included, when no body offset is given', () => {
    const text = `${FRONTMATTER}\nBody text.\n`;
    const result = readProse(text);
    expect('prose' in result && result.prose).toEqual([{ text: 'Body text.', offset: text.indexOf('Body') }]);
  });
});

describe('MDX syntax errors', () => {
  it.each([
    ['an expression that is not JavaScript', '\nWe set {retries: 3} then.\n', 6, 16, 'Could not parse expression'],
    ['an autolink, not MDX', '\nSee <https://example.com> here.\n', 6, 5, 'Unexpected character after `<`, expected a valid JSX tag (note: to create a link in MDX, use `[text](url)`)'],
    ['an unclosed component, at its opening tag, with file lines in the message', '\nFirst paragraph.\n\n<Callout>\nNever closed.\n', 8, 1, 'Expected a closing tag for `<Callout>` (8:1)'],
    ['a broken import, at the end of its line', '\nimport x from\n', 6, 14, 'Could not parse esm'],
  ])('%s', (_, body, line, column, message) => {
    const found = error(body);
    expect([found.line, found.column]).toEqual([line, column]);
    expect(found.message).toContain(message);
  });

  it('accepts a lone < followed by a space, and < in code', () => {
    expect(prose('\np99 stayed < 200 ms; `a <b` is code.\n')).toHaveLength(1);
  });
});

describe('every MDX syntax error the parser can read past', () => {
  it('reports each, in order, not only the first', () => {
    const body = 'Fine.\n\nAnd {broken here.\n\nMore text.\n\nOk <br> end.\n\nLast <https://x.example> one.\n';
    const parsed = readProse(body);
    expect('error' in parsed).toBe(true);
    if (!('error' in parsed)) return;
    const offsets = [parsed.error.offset, ...(parsed.more ?? []).map((error) => error.offset)];
    const lineOf = (offset: number) => body.slice(0, offset).split('\n').length;
    // The unclosed brace (line 3), the unclosed <br> (line 7), the autolink MDX cannot read (line 9).
    expect(offsets.map(lineOf)).toEqual([3, 7, 9]);
  });
});
