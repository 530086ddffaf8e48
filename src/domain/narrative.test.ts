import { describe, expect, it } from 'vitest';
import { mdxToMdast } from 'satteri';
import { findUnsafe, localImages, nestingProblem, resolveLocalImage, urlProblem } from './narrative.ts';

const findings = (body: string, allowCode = false) => findUnsafe(mdxToMdast(body), { allowCode }).map((finding) => finding.rule).sort();

describe('what a narrative may hold (findUnsafe)', () => {
  it.each([
    // Code: runs on the build machine.
    ['an expression', 'Home: {process.env.HOME}\n', ['narrative-code']],
    ['code between two comments', '{/* a */ process.exit(1) /* b */}\n', ['narrative-code']],
    ['code after a line comment', '{/* a */ // b\nprocess.exit(1)}\n', ['narrative-code']],
    ['an import', "import x from 'y';\n\nText.\n", ['narrative-code']],
    ['an export', 'export const a = 1;\n', ['narrative-code']],
    ['a component', '<Callout>x</Callout>\n', ['narrative-code']],
    ['a member component', '<ui.Box>x</ui.Box>\n', ['narrative-code']],
    ['an attribute expression', '<a href={x}>y</a>\n', ['narrative-code']],
    ['a spread attribute', '<div {...props}>y</div>\n', ['narrative-code']],
    // HTML that runs or loads things in the reader's browser.
    ['a script (and what is inside it is not read)', '<script>{"x"}</script>\n', ['narrative-html']],
    ['an iframe', '<iframe src="https://x.example" />\n', ['narrative-html']],
    ['an event handler', '<img src="https://x.example/a.png" alt="" onError="alert(1)" />\n', ['narrative-html']],
    ['an event handler in lower case', '<p onclick="alert(1)">x</p>\n', ['narrative-html']],
    ['srcdoc', '<div srcdoc="x">y</div>\n', ['narrative-html']],
    ['a javascript: link', '[x](javascript:alert(1))\n', ['narrative-html']],
    ['a javascript: link in capitals with spaces', '[x]( JAVASCRIPT:alert(1))\n', ['narrative-html']],
    ['a javascript: href with an entity tab', '<a href="java&#x09;script:alert(1)">x</a>\n', ['narrative-html']],
    ['a vbscript: link', '[x](vbscript:x)\n', ['narrative-html']],
    ['a data: link', '[x](data:text/html,x)\n', ['narrative-html']],
    ['a data: image that is not a picture', '![x](data:text/html;base64,PHNjcmlwdD4=)\n', ['narrative-html']],
    ['a javascript: definition', '[x][y]\n\n[y]: javascript:alert(1)\n', ['narrative-html']],
    ['a form', '<form action="https://x.example"><p>x</p></form>\n', ['narrative-html']],
    ['an unknown element', '<marquee>x</marquee>\n', ['narrative-html']],
    ['svg', '<svg><circle r="1" /></svg>\n', ['narrative-html']],
    // Merely dropped from the page: a warning.
    ['a style attribute that does more than colour', '<span style="position:fixed;top:0">x</span>\n', ['narrative-attribute']],
    ['a style attribute on an element other than <span>', '<p style="color:red">x</p>\n', ['narrative-attribute']],
    ['an ftp link', '[x](ftp://files.example/x)\n', ['narrative-attribute']],
    ['a target attribute', '<a href="https://x.example" target="_blank">x</a>\n', ['narrative-attribute']],
  ])('refuses %s', (_name, body, expected) => {
    expect(findings(body)).toEqual(expected);
  });

  it.each([
    ['Markdown and GFM', '## What happened\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~no~~ **yes** [link](https://x.example) ![pic](https://x.example/a.png)\n'],
    ['plain HTML from the allow-list', '<details><summary>More</summary>Text<br />and <kbd>Ctrl</kbd>, <sup>1</sup></details>\n'],
    ['an MDX comment', 'Before {/* a note */} after.\n'],
    ['two comments in one expression', '{/* one */ /* two */}\n'],
    ['code that merely shows code', '```js\nimport x from "y";\n{process.env.HOME}\n<script>alert(1)</script>\n```\n\n`{x}` and `<Callout>`\n'],
    ['escaped braces', 'A literal \\{ brace \\}.\n'],
    ['mailto, tel and relative links', '[mail](mailto:sre@x.example) [call](tel:+1) [page](../other/) [anchor](#top)\n'],
    ['a PNG data: image', '![x](data:image/png;base64,iVBORw0KGgo=)\n'],
    ['a fragment', '<>text</>\n'],
    ['a coloured <span>, as highlighted code writes them', '<span style="color:#e1e4e8">x</span>\n'],
  ])('accepts %s', (_name, body) => {
    expect(findings(body)).toEqual([]);
  });

  it('lets code through when the library allows it, but still refuses what runs in the browser', () => {
    expect(findings('Home: {process.env.HOME}\n<Callout />\n', true)).toEqual([]);
    expect(findings('<iframe src="https://x.example" />\n', true)).toEqual(['narrative-html']);
  });

  it('points at the node that holds the problem', () => {
    const body = 'Fine.\n\nNot fine: {x}\n';
    expect(findUnsafe(mdxToMdast(body))[0].offset).toBe(body.indexOf('{x}'));
  });
});

describe('urlProblem', () => {
  it.each([
    ['https://x.example', 'href', false],
    ['/incidents/INC-1/', 'href', false],
    ['javascript:alert(1)', 'href', true],
    ['\u0000javascript:alert(1)', 'href', true],
    ['jav&#97;script:alert(1)', 'href', true],
    ['JaVaScRiPt:alert(1)', 'href', true],
    ['vbscript:x', 'href', true],
    ['data:text/html,x', 'href', true],
    ['data:image/png;base64,x', 'src', false],
    ['data:image/svg+xml;base64,x', 'src', true],
    ['data:image/png;base64,x', 'href', true],
  ])('%s in %s: refused %s', (url, attribute, refused) => {
    expect(urlProblem(url, attribute) !== undefined).toBe(refused);
  });
});

describe('nestingProblem: too big or too deep to parse safely', () => {
  it.each([
    ['blockquotes 100 deep', `${'> '.repeat(100)}x\n`, true],
    ['blockquotes 10 deep', `${'> '.repeat(10)}x\n`, false],
    ['a list 200 levels deep', Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'), true],
    ['a list 8 levels deep', Array.from({ length: 8 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'), false],
    ['brackets 100 deep in an expression', `{${'('.repeat(100)}1${')'.repeat(100)}}`, true],
    ['brackets in prose', `${'('.repeat(100)} text`, false],
    ['elements 1,000 deep', `${'<div>'.repeat(1000)}x${'</div>'.repeat(1000)}`, true],
    ['many line breaks', '<br>'.repeat(1000), false],
    ['deep things inside a code block', `\`\`\`\n${'> '.repeat(500)}\n${'{'.repeat(500)}\n\`\`\`\n`, false],
    ['3 million characters', 'x'.repeat(3_000_000), true],
  ])('%s: refused %s', (_name, body, refused) => {
    expect(nestingProblem(body) !== undefined).toBe(refused);
  });

  it('says where and why', () => {
    const body = `Fine.\n${'>'.repeat(100)} deep\n`;
    expect(nestingProblem(body)).toEqual({ offset: 6, message: expect.stringMatching(/nests blockquotes or lists more than 64 levels deep/) });
  });
});

describe('images beside the post-mortem', () => {
  it('finds local images in Markdown, references and <img>, not remote or absolute ones', () => {
    const body = '![a](./a.png) ![b](https://x.example/b.png) ![c](/c.png) ![d][d] <img src="e.webp" alt="" />\n\n[d]: diagrams/d.jpg\n';
    expect(localImages(mdxToMdast(body)).map((image) => image.url)).toEqual(['./a.png', 'diagrams/d.jpg', 'e.webp']);
  });

  it.each([
    ['./pool.png', { path: '/lib/postmortems/2026/pool.png' }],
    ['pool%20map.png', { path: '/lib/postmortems/2026/pool map.png' }],
    ['../shared/pool.JPG?v=2', { path: '/lib/postmortems/shared/pool.JPG' }],
    ['../../settings.png', { path: '/lib/settings.png' }],
    ['../../../etc/passwd.png', { problem: expect.stringMatching(/outside the content folder/) }],
    ['./diagram.svg', { problem: expect.stringMatching(/SVG can hold scripts/) }],
    ['./notes.txt', { problem: expect.stringMatching(/not an image/) }],
  ])('%s', (url, expected) => {
    expect(resolveLocalImage(url, '/lib/postmortems/2026/pm.mdx', '/lib')).toEqual(expected);
  });
});
