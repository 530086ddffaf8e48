import { describe, expect, it } from 'vitest';
import { astroPhases, markdownTable, median, pagefindTime, parseBenchArgs, targetReport, type SizeResult } from './bench.ts';
import { treeRss } from './memory.ts';

const LOG = `15:45:47 [content] Syncing content
15:46:00 [content] Synced content
15:46:00 [types] Generated 14.95s
15:46:00 [build] ✓ Completed in 15.13s.
15:46:11 [vite] ✓ built in 11.41s
15:46:12 [vite] ✓ built in 299ms
 generating static routes 
15:46:35   ├─ /index.html (+8ms) 
15:46:36 ✓ Completed in 1m 5s.
15:46:36 [build] ✓ Completed in 36.82s.
15:46:57 [hindsight-pagefind] indexed 1084 pages in 20573 ms
15:46:57 [build] 1084 page(s) built in 1m 13s`;

describe('reading a build log', () => {
  it('finds the Pagefind line', () => {
    expect(pagefindTime(LOG)).toEqual({ pages: 1084, ms: 20573 });
    expect(pagefindTime('no index here')).toBeUndefined();
  });

  it('finds Astro phase timings in ms, in s and in m s', () => {
    expect(astroPhases(LOG)).toEqual({ sync: 14950, vite: 11709, pages: 65000, total: 73000 });
  });
});

describe.each([
  [[3], 3],
  [[5, 1, 3], 3],
  [[4, 1, 3, 2], 2.5],
])('median(%j)', (values, expected) => {
  it(`is ${expected}`, () => expect(median(values)).toBe(expected));
});

describe('parseBenchArgs', () => {
  it('reads sizes, runs and skips', () => {
    const args = parseBenchArgs(['--sizes', '100,1_000', '--runs', '3', '--skip', 'bare']);
    expect([...parseBenchArgs(['--skip', 'hugo,check']).skip]).toEqual(['hugo', 'check']);
    expect(args.sizes).toEqual([100, 1000]);
    expect(args.runs).toBe(3);
    expect([...args.skip]).toEqual(['bare']);
    expect(args.content).toBeUndefined();
  });

  it('reads a library to measure instead of generated ones', () => {
    expect(parseBenchArgs(['--content', '/srv/postmortems']).content).toBe('/srv/postmortems');
  });

  it.each([[['--sizes', '10,x']], [['--runs', '0']], [['--skip', 'build']]])('rejects %j', (argv) => {
    expect(() => parseBenchArgs(argv)).toThrow();
  });
});

describe('the report', () => {
  const result: SizeResult = {
    size: 1000, runs: 1, pages: 990, buildMs: 25_000, buildCpuMs: 40_000, buildPeakRss: 1.2 * 1024 ** 3, pagefindMs: 5000,
    distBytes: 70 * 1024 ** 2, indexBytes: 8 * 1024 ** 2, phases: {}, checkMs: 9000, checkCpuMs: 8000, checkPeakRss: null, checkWarmMs: 1200,
    bareMs: 22_000, bareCpuMs: 30_000, barePeakRss: 1024 ** 3, largestPageBytes: 45_056, largestPage: 'actions/index.html',
    hugoMs: 8000, hugoCpuMs: 12_000, hugoPeakRss: 512 * 1024 ** 2, hugoPagefindMs: 4000, hugoRatio: 3.125,
  };
  const withoutHugo: SizeResult = { ...result, size: 10000, hugoMs: null, hugoCpuMs: null, hugoPeakRss: null, hugoPagefindMs: null, hugoRatio: null, bareMs: null };

  it('prints one Markdown row per size', () => {
    const lines = markdownTable([result]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('| 1,000 | 1 | 25.0 (40.0) | 1229 | 40 | 5.0 | 70 | 8.0 | 9.0 (8.0) | 1.2 | 22.0 (30.0) | 1024 | 1.14 | 8.0 (12.0) | 512 | 3.13 | 44 |');
    expect(markdownTable([withoutHugo]).split('\n')[2]).toMatch(/\| – \| – \| – \| 44 \|$/);
  });

  it('says which targets are met', () => {
    expect(targetReport(result)).toEqual([
      '1000: build 25.0 s of 30.0 s — met',
      '1000: peak RSS 1229 MB of 1536 MB — met',
      '1000: overhead over the bare build 1.14× of 1.25× — met',
      '1000: build ÷ Hugo + Pagefind 3.13× (25.0 s against 8.0 s, CPU 3.33×; peak RSS 1229 MB against 512 MB) of 4× — met',
      '1000: largest HTML page 44 KB (actions/index.html)',
    ]);
    expect(targetReport({ ...withoutHugo, hugoRatio: 3.5, hugoMs: 8000, hugoPeakRss: 512 * 1024 ** 2, checkMs: null })).toEqual([
      '10000: build 25.0 s of 240.0 s — met',
      '10000: peak RSS 1229 MB of 2048 MB — met',
      '10000: build ÷ Hugo + Pagefind 3.50× (25.0 s against 8.0 s; peak RSS 1229 MB against 512 MB) of 3× — MISSED',
      '10000: largest HTML page 44 KB (actions/index.html)',
    ]);
    expect(targetReport(withoutHugo)).toContain('10000: build ÷ Hugo + Pagefind not measured (hugo missing or skipped)');
  });
});

describe('treeRss', () => {
  it('counts this process at least', () => {
    expect(treeRss(process.pid)).toBeGreaterThan(10 * 1024 ** 2);
  });
});
