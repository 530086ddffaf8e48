import { describe, expect, it } from 'vitest';
import { markdownText, notesMinutes, notesRate, reviewNotes, type ReviewNotesInput } from './review-notes.ts';
import { testLibrary, type Fixture } from './testing.ts';
import { publicQuarter } from './visibility.ts';
import type { Library } from './library.ts';

describe('notesMinutes', () => {
  it.each<[number | null, string]>([
    [null, 'unknown'],
    [0, '0 min'],
    [23, '23 min'],
    [38.5, '38.5 min'],
    [173, '173 min (2 h 53 min)'],
    // A mean: to a tenth; past a day the words drop the minutes.
    [30903.333333333332, '30,903.3 min (21 d 11 h)'],
  ])('%s → %s', (minutes, text) => {
    expect(notesMinutes(minutes)).toBe(text);
  });
});

describe('notesRate', () => {
  it.each<[number | null, string]>([
    [null, 'unknown'],
    [0, '0%'],
    [1, '100%'],
    [0.7, '70%'],
    [0.8571428571428571, '85.7%'],
    [2 / 3, '66.7%'],
  ])('%s → %s', (share, text) => {
    expect(notesRate(share)).toBe(text);
  });
});

describe('markdownText', () => {
  it.each([
    ['Checkout 502s', 'Checkout 502s'],
    ['a *b* _c_ [d](e) | f', 'a \\*b\\* \\_c\\_ \\[d\\](e) \\| f'],
    ['<script> `x` #1 ~y~ back\\slash', '\\<script\\> \\`x\\` \\#1 \\~y\\~ back\\\\slash'],
    ['two\nlines', 'two lines'],
  ])('%j → %j', (text, markdown) => {
    expect(markdownText(text)).toBe(markdown);
  });
});

/*
 * A library in UTC, today 2026-05-20, worked by hand:
 *   2026-Q1: INC-1 (MTTD 10, MTTR 60, cost 1,000) and INC-2 (MTTD 20, MTTR 120, cost 3,000):
 *     medians and means 15 and 90 min; actions: INC-1's done on time, INC-2's one open (due
 *     2026-03-31, so 50 days overdue, owner sre) and one won't-do → completion 1 ÷ 2 = 50%, on time 1 ÷ 1.
 *   2026-Q2: INC-3 (MTTD 5, MTTR 30, cost 500) repeats INC-2 (same category, shared service
 *     checkout); its one action is in progress, due 2026-06-30 → completion 0%, no on-time rate.
 */
const fixtures: Fixture[] = [
  {
    id: 'INC-1',
    started: '2026-01-10T10:00:00Z',
    detectAfter: 10,
    resolveAfter: 60,
    revenueLost: 1000,
    services: ['billing'],
    category: 'testing',
    actions: [{ title: 'Add a test', owner: 'qa', deadline: '2026-01-20', status: 'done', completed: '2026-01-18' }],
  },
  {
    id: 'INC-2',
    started: '2026-02-10T10:00:00Z',
    title: 'Checkout *502s* | again',
    detectAfter: 20,
    resolveAfter: 120,
    revenueLost: 3000,
    services: ['checkout'],
    category: 'process',
    actions: [
      { title: 'Fix the runbook', owner: 'sre', deadline: '2026-03-31', status: 'open' },
      { title: 'Rewrite it all', owner: 'sre', deadline: '2026-03-31', status: 'wont-do' },
    ],
  },
  {
    id: 'INC-3',
    started: '2026-04-02T10:00:00Z',
    detectAfter: 5,
    resolveAfter: 30,
    revenueLost: 500,
    services: ['checkout'],
    category: 'process',
    actions: [{ title: 'Canary stage', owner: 'web', deadline: '2026-06-30', status: 'in-progress' }],
  },
];

const notesOf = (library: Library, quarter: string, overrides: Partial<ReviewNotesInput> = {}) =>
  reviewNotes({
    stats: library.quarters.find((stats) => stats.quarter === quarter)!,
    incidents: library.incidents.filter((incident) => incident.quarter === quarter),
    byId: library.byId,
    settings: library.settings,
    today: library.today,
    link: (path) => `https://example.test/kb${path}`,
    ...overrides,
  });

describe('reviewNotes', () => {
  const library = testLibrary(fixtures, { today: '2026-05-20' });

  it('writes the first quarter’s figures, with no change to give', () => {
    const notes = notesOf(library, '2026-Q1');
    expect(notes).toContain(
      [
        '| Figure | 2026-Q1 | Change from the quarter before (none on record) |',
        '|---|--:|--:|',
        '| Post-mortems | 2 | — |',
        '| MTTD, median | 15 min | — |',
        '| MTTD, mean | 15 min | — |',
        '| MTTR, median | 90 min (1 h 30 min) | — |',
        '| MTTR, mean | 90 min (1 h 30 min) | — |',
        '| Actions completed (done ÷ all but won’t-do) | 50% | — |',
        '| Done on time (by the deadline ÷ done) | 100% | — |',
        '| Repeat incidents | 0 | — |',
        '| Total cost | $4,000.00 | — |',
      ].join('\n'),
    );
    expect(notes.startsWith('# Incident review: 2026-Q1\n')).toBe(true);
    expect(notes).toContain('figures as of 20 May 2026\n');
    expect(notes).toContain('> Only 2 post-mortems in 2026-Q1: too few to read a trend.');
    expect(notes).toContain('On the site: https://example.test/kb/quarters/2026-Q1/');
  });

  it('writes the agenda in the review’s order, each section numbered as in it', () => {
    const notes = notesOf(library, '2026-Q1');
    const agenda = ['Headline figures', 'Severity and kind', 'Where to invest in prevention', 'Repeat incidents', 'Overdue actions by owner', 'Cost', 'Post-mortems of 2026-Q1', 'Decisions and new actions'];
    expect(notes).toContain(`## Agenda\n\n${agenda.map((item, index) => `${index + 1}. ${item}`).join('\n')}\n`);
    const headings = [...notes.matchAll(/^## (\d+)\. (.*)$/gm)].map((match) => `${match[1]}. ${match[2]}`);
    expect(headings).toEqual(agenda.map((item, index) => `${index + 1}. ${item}`));
  });

  it('lists overdue actions under their owner, and the other open ones with theirs', () => {
    const notes = notesOf(library, '2026-Q1');
    expect(notes).toContain('1 of 3 actions from 2026-Q1’s post-mortems is still open, 1 overdue, as of 20 May 2026.');
    expect(notes).toContain('### sre\n\n- [ ] Fix the runbook · [INC-2](https://example.test/kb/incidents/INC-2/) · due 31 Mar 2026, overdue by 50 days · P2, open\n');
    const q2 = notesOf(library, '2026-Q2');
    expect(q2).toContain('Open, not yet overdue:\n\n- [ ] Canary stage (web) · [INC-3](https://example.test/kb/incidents/INC-3/) · due 30 Jun 2026 · P2, in progress\n');
    expect(q2).not.toContain('###');
  });

  it('writes the change from the quarter before, the repeat and the categories', () => {
    const notes = notesOf(library, '2026-Q2');
    expect(notes).toContain('| Post-mortems | 1 | −1 |');
    expect(notes).toContain('| MTTD, median | 5 min | −10 min |');
    expect(notes).toContain('| MTTR, mean | 30 min | −60 min |');
    // Q2's one action is in progress: 0 of 1 done, against 50% before.
    expect(notes).toContain('| Actions completed (done ÷ all but won’t-do) | 0% | −50 points |');
    // Nothing done in Q2: no on-time rate, so no change either.
    expect(notes).toContain('| Done on time (by the deadline ÷ done) | unknown | unknown |');
    expect(notes).toContain('| Repeat incidents | 1 | +1 |');
    expect(notes).toContain('| Total cost | $500.00 | −$3,500.00 |');
    // The title's Markdown is escaped, so the notes show it as written.
    expect(notes).toContain(
      '- [INC-3](https://example.test/kb/incidents/INC-3/) Fixture INC-3, repeating [INC-2](https://example.test/kb/incidents/INC-2/) Checkout \\*502s\\* \\| again (detected: same root-cause category and a shared service)',
    );
    expect(notes).toContain('1. [Process](https://example.test/kb/categories/process/): 1 post-mortem · $500.00');
  });

  it('writes unknown, never 0, for the times and rates of a quiet quarter', () => {
    const quiet = testLibrary([fixtures[0]], { today: '2026-05-20' });
    const notes = notesOf(quiet, '2026-Q2');
    expect(notes).toContain('| Post-mortems | 0 | −1 |');
    expect(notes).toContain('| MTTD, median | unknown | unknown |');
    expect(notes).toContain('| MTTR, mean | unknown | unknown |');
    expect(notes).toContain('| Actions completed (done ÷ all but won’t-do) | unknown | unknown |');
    expect(notes).toContain('| Total cost | $0.00 | −$1,000.00 |');
    expect(notes).toContain('The post-mortems of 2026-Q2 have no action items.');
    expect(notes).not.toMatch(/\| (MTTD|MTTR|Actions|Done)[^|]*\| 0/);
  });

  it('has no cost and no owner where the model withholds them (a public build)', () => {
    const stats = publicQuarter(library.quarters.find((quarter) => quarter.quarter === '2026-Q1')!);
    const incidents = library.incidents
      .filter((incident) => incident.quarter === '2026-Q1')
      .map((incident) => ({ ...incident, cost: undefined, actions: incident.actions.map(({ owner: _owner, ...action }) => action) }));
    const notes = notesOf(library, '2026-Q1', { stats, incidents });
    expect(notes).not.toMatch(/cost|\$|sre|qa|###/i);
    expect(notes).toContain('- [ ] Fix the runbook · [INC-2]');
    expect([...notes.matchAll(/^## (\d+)\. (.*)$/gm)].map((match) => match[2])).toEqual([
      'Headline figures',
      'Severity and kind',
      'Where to invest in prevention',
      'Repeat incidents',
      'Overdue actions by owner',
      'Post-mortems of 2026-Q1',
      'Decisions and new actions',
    ]);
  });
});
