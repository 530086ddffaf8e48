import { describe, expect, it } from 'vitest';
import { distinguishHeadings, narrativeToc } from './toc.ts';

const SECTIONS = ['Summary', 'What happened', 'Timeline', 'Contributing factors', 'Action items'];
const h = (depth: number, text: string) => ({ depth, text, slug: `narrative-${text.toLowerCase().replace(/\W+/g, '-')}` });

describe('narrativeToc', () => {
  it.each([
    { name: 'no headings', headings: [], expected: [] },
    {
      name: 'h2s that repeat a section title (any case) are told apart; others keep their text',
      headings: [h(2, 'Summary'), h(2, 'Contributing Factors'), h(2, 'Lessons learned')],
      expected: [
        { id: 'narrative-summary', title: 'Summary (narrative)' },
        { id: 'narrative-contributing-factors', title: 'Contributing Factors (narrative)' },
        { id: 'narrative-lessons-learned', title: 'Lessons learned' },
      ],
    },
    {
      name: 'h3s nest under the h2 before them; h4 and deeper are left out',
      headings: [h(2, 'Timeline'), h(3, 'General'), h(4, 'Detail'), h(3, 'Reflections')],
      expected: [
        {
          id: 'narrative-timeline',
          title: 'Timeline (narrative)',
          children: [
            { id: 'narrative-general', title: 'General' },
            { id: 'narrative-reflections', title: 'Reflections' },
          ],
        },
      ],
    },
    {
      name: 'an h1 (imported Markdown) stands with the h2s; an h3 before any h2 stands on its own',
      headings: [h(3, 'Context'), h(2, 'Root cause'), h(1, 'Stats')],
      expected: [
        { id: 'narrative-context', title: 'Context' },
        { id: 'narrative-root-cause', title: 'Root cause' },
        { id: 'narrative-stats', title: 'Stats' },
      ],
    },
  ])('$name', ({ headings, expected }) => {
    expect(narrativeToc(headings, SECTIONS)).toEqual(expected);
  });

  it('gives no entry a title that a section or another entry of the page already has', () => {
    const entries = narrativeToc([h(2, 'Summary'), h(2, 'Timeline'), h(2, 'Action Items'), h(2, 'What happened')], SECTIONS);
    const titles = [...SECTIONS, ...entries.map((entry) => entry.title)].map((title) => title.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
  });
});

describe('distinguishHeadings', () => {
  const headings = [
    { depth: 3, slug: 'narrative-timeline', text: 'Timeline' },
    { depth: 3, slug: 'narrative-details', text: 'Details' },
  ];
  it('tells apart a narrative heading that repeats a section title, and only that one', () => {
    const html = '<h3 id="narrative-timeline">Timeline</h3><p>x</p><h3 id="narrative-details">Details</h3>';
    expect(distinguishHeadings(html, headings, ['Summary', 'timeline'])).toBe(
      '<h3 id="narrative-timeline">Timeline <span class="heading-source">(narrative)</span></h3><p>x</p><h3 id="narrative-details">Details</h3>',
    );
  });

  it('leaves a narrative without a clash as it is', () => {
    const html = '<h3 id="narrative-details">Details</h3>';
    expect(distinguishHeadings(html, headings, ['Summary'])).toBe(html);
  });
});
