import { describe, it, expect } from 'vitest';
import { findRepeats, type RepeatInput } from './repeats.ts';

const pm = (id: string, started: string, category: string, services: string[], repeatOf?: string): RepeatInput => ({ id, started, category, services, repeatOf });

/** The result as a plain object, `{ id: 'of (detected|explicit)' }`, for readable comparisons. */
function repeats(items: RepeatInput[]): Record<string, string> {
  return Object.fromEntries([...findRepeats(items)].map(([id, repeat]) => [id, `${repeat.of} (${repeat.detected ? 'detected' : 'explicit'})`]));
}

/** Every order of a list, to show the input order does not matter. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

describe('findRepeats (docs/format.md#repeats)', () => {
  it.each([
    {
      // B says so; B's category and services differ from A's, so only the declaration makes it a repeat.
      why: 'explicit repeatOf',
      items: [pm('A', '2026-01-10T10:00:00Z', 'change-management', ['cdn-edge']), pm('B', '2026-02-10T10:00:00Z', 'capacity', ['payments-db'], 'A')],
      expected: { B: 'A (explicit)' },
    },
    {
      // Same category, and cdn-edge is in both.
      why: 'detected: same category and a shared service',
      items: [pm('A', '2026-01-10T10:00:00Z', 'change-management', ['checkout-api', 'cdn-edge']), pm('B', '2026-02-10T10:00:00Z', 'change-management', ['cdn-edge'])],
      expected: { B: 'A (detected)' },
    },
    {
      // Same category, no service in common.
      why: 'no repeat when the category matches but no service is shared',
      items: [pm('A', '2026-01-10T10:00:00Z', 'change-management', ['checkout-api']), pm('B', '2026-02-10T10:00:00Z', 'change-management', ['search'])],
      expected: {},
    },
    {
      // A shared service, another category.
      why: 'no repeat when a service is shared but the category differs',
      items: [pm('A', '2026-01-10T10:00:00Z', 'change-management', ['cdn-edge']), pm('B', '2026-02-10T10:00:00Z', 'capacity', ['cdn-edge'])],
      expected: {},
    },
    {
      // Each one names the most recent earlier one: B → A, C → B (not A).
      why: 'a detected repeat names the most recent earlier post-mortem',
      items: [pm('A', '2026-01-10T10:00:00Z', 'testing', ['api']), pm('B', '2026-02-10T10:00:00Z', 'testing', ['api']), pm('C', '2026-03-10T10:00:00Z', 'testing', ['api'])],
      expected: { B: 'A (detected)', C: 'B (detected)' },
    },
    {
      // D shares "api" with A (January) and "web" with B (March): B is the more recent.
      why: 'the most recent over all shared services',
      items: [pm('A', '2026-01-10T10:00:00Z', 'testing', ['api']), pm('B', '2026-03-10T10:00:00Z', 'testing', ['web']), pm('D', '2026-04-10T10:00:00Z', 'testing', ['api', 'web'])],
      expected: { D: 'B (detected)' },
    },
    {
      // 11:00+01:00 and 10:00Z are the same instant: neither is earlier than the other.
      why: 'the same started instant is not "earlier"',
      items: [pm('A', '2026-01-10T11:00:00+01:00', 'testing', ['api']), pm('B', '2026-01-10T10:00:00Z', 'testing', ['api'])],
      expected: {},
    },
    {
      // A is written 10:30+02:00 (08:30Z), B 09:00Z: A is earlier although its clock time reads later.
      why: '"earlier" compares instants, not the written clock time',
      items: [pm('A', '2026-01-10T10:30:00+02:00', 'testing', ['api']), pm('B', '2026-01-10T09:00:00Z', 'testing', ['api'])],
      expected: { B: 'A (detected)' },
    },
    {
      // December 2025 (2025-Q4) and February 2026 (2026-Q1): quarters and years do not matter.
      why: 'across quarters and years',
      items: [pm('A', '2025-12-20T10:00:00Z', 'capacity', ['payments-db']), pm('B', '2026-02-03T10:00:00Z', 'capacity', ['payments-db'])],
      expected: { B: 'A (detected)' },
    },
    {
      // B declares A; C (same category, shares "api") is detected as a repeat of B, the most recent.
      why: 'an explicit repeat is itself an earlier post-mortem for later ones',
      items: [pm('A', '2026-01-10T10:00:00Z', 'testing', ['api']), pm('B', '2026-02-10T10:00:00Z', 'testing', ['api'], 'A'), pm('C', '2026-03-10T10:00:00Z', 'testing', ['api'])],
      expected: { B: 'A (explicit)', C: 'B (detected)' },
    },
    {
      // B declares A although C would be detected as a closer match: the declaration wins.
      why: 'repeatOf wins over detection',
      items: [pm('A', '2026-01-10T10:00:00Z', 'testing', ['web']), pm('C', '2026-02-01T10:00:00Z', 'testing', ['api']), pm('B', '2026-02-10T10:00:00Z', 'testing', ['api'], 'A')],
      expected: { B: 'A (explicit)' },
    },
    {
      // The first post-mortem of all has nothing earlier.
      why: 'the earliest is never a repeat',
      items: [pm('A', '2026-01-10T10:00:00Z', 'testing', ['api'])],
      expected: {},
    },
  ])('$why', ({ items, expected }) => {
    expect(repeats(items)).toEqual(expected);
  });

  it('gives the same answer in any input order', () => {
    const items = [
      pm('A', '2026-01-10T10:00:00Z', 'testing', ['api']),
      pm('B', '2026-02-10T10:00:00Z', 'testing', ['api', 'web']),
      // Same instant as B: not a repeat of B, but of A.
      pm('C', '2026-02-10T11:00:00+01:00', 'testing', ['api']),
      pm('D', '2026-03-10T10:00:00Z', 'testing', ['web']),
    ];
    // B → A; C → A (B started at the same instant); D → B (only B has "web").
    const expected = { B: 'A (detected)', C: 'A (detected)', D: 'B (detected)' };
    for (const order of permutations(items)) expect(repeats(order), order.map((i) => i.id).join('')).toEqual(expected);
  });
});
