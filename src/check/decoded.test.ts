import { describe, expect, it } from 'vitest';
import { decodedText, mayReadOtherwise } from './decoded.ts';
import { readSource } from './source.ts';

describe('mayReadOtherwise: frontmatter whose strings may read otherwise than written', () => {
  it.each([
    ['plain values, flows and quoted values', 'title: Fine\ntags: [a, b]\nactions:\n  - title: "Quoted: yes"\n    owner: sre\n# a comment\n', false],
    ['an apostrophe in a plain value', "title: It's fine\n", false],
    ['a comment under a key', 'impact:\n  # written later\n  summary: Fine\n', false],
    ['an escape', 'title: "A \\x41"\n', true],
    ['a doubled single quote', "title: 'It''s'\n", true],
    ['a folded block', 'summary: >-\n  Fine\n', true],
    ['a literal block in a list', 'whys:\n  - |\n    Fine\n', true],
    ['a plain value over two lines', 'summary: The queue\n  was full\n', true],
    ['a double-quoted value over two lines, with a colon', 'summary: "The queue\n  was: full"\n', true],
    ['a single-quoted value over two lines', "summary: 'The queue\n  was: full'\n", true],
  ])('%s: %s', (_, yaml, expected) => {
    expect(mayReadOtherwise(yaml)).toBe(expected);
  });
});

describe('decodedText', () => {
  const read = (text: string) => {
    const source = readSource('a.mdx', text);
    const decoded = decodedText(source, source.data);
    return decoded && decoded.text.split('\n\n').map((piece) => [piece, text.slice(decoded.offsetOf(decoded.text.indexOf(piece)))[0]]);
  };

  it('is nothing for a file that reads as written', () => {
    expect(read('---\ntitle: Fine & dandy\n---\n\nAll fine &unknown; here.\n')).toBeUndefined();
  });

  it('gives escaped and folded values, and lines with entities decoded, each with where it starts', () => {
    expect(read('---\ntitle: "\\x41B"\nsummary: >-\n  one\n  two\n---\n\nSay &quot;hi&quot; &#64; &commat; &amp\n')).toEqual([
      ['one two', 'o'],
      ['Say "hi" @ @ &', 'S'],
    ]);
  });
});
