import { describe, expect, it } from 'vitest';
import { analyse, packer, similarText, SimilarityIndex, words, type Features, type IndexDoc } from './similar.ts';
import { buildLibrary } from './library.ts';
import { testPostmortem, testSettings } from './testing.ts';
import { incidentJson } from './records.ts';

const doc = (id: string, features: Record<string, number>, started = '2026-01-01T00:00:00Z'): IndexDoc => ({ id, started, features: new Map(Object.entries(features)) as Features });

describe('words', () => {
  it.each([
    ['All services returning 503 in Kubernetes', ['services', 'returning', '503', 'kubernetes']],
    // Times, dates, years and two-digit numbers tell no failure apart; stop words go.
    ['At 09:12 on 2021-06-22 the ALB had 12 targets', ['alb', 'targets']],
    // URLs and Markdown link targets are not words of the text; the link's words are.
    ['See [the dashboard](https://grafana.example/d/x) and https://status.example/incident', ['see', 'dashboard']],
    ["The gateway's pool", ['gateway', 'pool']],
    ['kafka-exporter /metrics endpoint', ['kafka', 'exporter', 'metrics', 'endpoint']],
  ])('%s', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });
});

describe('analyse', () => {
  it('stems words, weighs them by field, and adds services, tags and the category as labels', () => {
    const { features, forms } = analyse({ title: 'Certificates expired', rootCause: 'The certificate renewal', narrative: 'certificate', services: ['kiam', 'eks'], tags: ['TLS'], category: 'monitoring' }, new Set(['eks']));
    // title 3 + root cause 2 + narrative 1
    expect(features.get('certif')).toBe(6);
    expect(features.get('expir')).toBe(3);
    expect(features.get('renew')).toBe(2);
    expect(features.get('service:kiam')).toBe(3);
    // A platform service (settings.platformServices) says nothing about a failure.
    expect(features.has('service:eks')).toBe(false);
    expect(features.get('tag:tls')).toBe(3);
    expect(features.get('category:monitoring')).toBe(3);
    // The word a stem is shown as: as first written, the title first.
    expect(forms.get('certif')).toBe('certificates');
  });

  it('reads a post-mortem: title, impact, detection notes, timeline, whys, root cause, actions and narrative', () => {
    const text = similarText(
      {
        title: 'T',
        services: ['s'],
        tags: [],
        timeline: [{ event: 'E' }],
        whys: ['W'],
        rootCause: { category: null, summary: null },
        impact: { summary: 'I' },
        detection: { notes: 'D' },
        actions: [{ title: 'A' }],
      },
      'N',
    );
    expect(text).toEqual({ title: 'T', summary: ['I', 'D'], timeline: ['E'], whys: ['W'], rootCause: null, actions: ['A'], narrative: 'N', services: ['s'], tags: [], category: null });
  });
});

describe('SimilarityIndex', () => {
  // Worked by hand: N = 3; df(x) = 2, df(y) = df(z) = 1. BM25 idf: x ln(1 + 1.5/2.5) = 0.4700,
  // y and z ln(1 + 2.5/1.5) = 0.9808. A = (x 0.4700, y 0.9808) and B = (x 0.4700, z 0.9808), each
  // over its length 1.0876; they share x only: cos = 0.4700² / 1.0876² = 0.2209 / 1.1829 = 0.187.
  const index = new SimilarityIndex([doc('A', { x: 1, y: 1 }), doc('B', { x: 1, z: 1 }), doc('C', { w: 1 })]);

  it.each([
    ['A', 0, [{ id: 'B', score: 0.187, terms: ['x'], services: [], category: null, tags: [] }]],
    ['B', 0, [{ id: 'A', score: 0.187, terms: ['x'], services: [], category: null, tags: [] }]],
    // Nothing shared, nothing suggested: not even with no threshold.
    ['C', 0, []],
    // Below the threshold: left out.
    ['A', 0.2, []],
    ['unknown id', 0, []],
  ])('similar to %s, threshold %s', (id, threshold, expected) => {
    expect(index.similarTo(id, { threshold })).toEqual(expected);
  });

  it('weighs a repeated word sublinearly: 1 + ln(count)', () => {
    // A has x three times: x 0.4700 × (1 + ln 3) = 0.9864; |A| = √(0.9864² + 0.9808²) = 1.3910;
    // cos(A, B) = 0.9864 × 0.4700 / (1.3910 × 1.0876) = 0.306.
    const weighted = new SimilarityIndex([doc('A', { x: 3, y: 1 }), doc('B', { x: 1, z: 1 }), doc('C', { w: 1 })]);
    expect(weighted.similarTo('B', { threshold: 0 })[0].score).toBe(0.306);
  });

  it('ranks best first, at most `limit`, ties by id', () => {
    const tied = new SimilarityIndex([doc('q', { x: 1 }), doc('c', { x: 1 }), doc('b', { x: 1 }), doc('a', { x: 1 }), doc('z', { y: 1 })]);
    expect(tied.similarTo('q', { threshold: 0, limit: 2 }).map((match) => match.id)).toEqual(['a', 'b']);
  });

  it('gives the same suggestions whatever order the post-mortems come in', () => {
    const docs = Array.from({ length: 30 }, (_, i) => doc(`D${i}`, { [`w${i % 7}`]: 1 + (i % 3), [`v${i % 5}`]: 1, [`u${i % 11}`]: 2, common: 1 }));
    const forward = new SimilarityIndex(docs).all({ threshold: 0 });
    const backward = new SimilarityIndex([...docs].reverse()).all({ threshold: 0 });
    expect([...backward].sort()).toEqual([...forward].sort());
    expect(forward.get('D0')!.length).toBe(5);
  });

  it('explains a match: shared words as written, shared services, category and tags', () => {
    const a = analyse({ title: 'KIAM certificate expired', services: ['kiam', 'api'], category: 'monitoring', tags: ['tls'] });
    const b = analyse({ title: 'KIAM certificates expiring again', services: ['kiam'], category: 'monitoring', tags: ['tls'] });
    const c = analyse({ title: 'Checkout latency', services: ['checkout'], category: 'capacity' });
    const pair = new SimilarityIndex([
      { id: 'a', started: '2026-01-01T00:00:00Z', ...a },
      { id: 'b', started: '2026-02-01T00:00:00Z', ...b },
      { id: 'c', started: '2026-03-01T00:00:00Z', ...c },
    ]);
    const [match] = pair.similarTo('b');
    expect(match).toMatchObject({ id: 'a', services: ['kiam'], category: 'monitoring', tags: ['tls'] });
    // In b's own words.
    expect(match.terms.sort()).toEqual(['certificates', 'expiring', 'kiam']);
  });

  it('counts a text naming another post-mortem by id as shared with it, as a hint beyond the cosine', () => {
    const docs = [
      { id: 'PM2019-009', started: '2019-11-29T12:00:00Z', ...analyse({ id: 'PM2019-009', title: 'Network infrastructure IP starvation' }) },
      { id: 'PM2019-010', started: '2019-12-04T12:00:00Z', ...analyse({ id: 'PM2019-010', title: 'Cluster node deletion', narrative: 'Nodes went away (see post-mortem [PM2019-009][PM2019-009]).' }) },
      { id: 'PM2019-011', started: '2019-12-05T12:00:00Z', ...analyse({ id: 'PM2019-011', title: 'Pipeline reverted the changes' }) },
    ];
    const [match] = new SimilarityIndex(docs).similarTo('PM2019-010', { threshold: 0 });
    expect(match.id).toBe('PM2019-009');
    expect(match.terms).toContain('PM2019-009');
    // Nothing else is shared: the score is the hint alone, and each post-mortem's own id does not
    // shorten its vector.
    expect(match.score).toBeGreaterThan(0);
    expect(new SimilarityIndex(docs).similarTo('PM2019-011', { threshold: 0 })).toEqual([]);
  });

  it('finds the ones like a text that is not in it (a new title)', () => {
    const index = new SimilarityIndex([
      { id: 'a', started: '2026-01-01T00:00:00Z', ...analyse({ title: 'Logs not shipped to CloudWatch' }) },
      { id: 'b', started: '2026-01-02T00:00:00Z', ...analyse({ title: 'Kafka metrics missing from Prometheus' }) },
      { id: 'c', started: '2026-01-03T00:00:00Z', ...analyse({ title: 'Checkout returned 502s' }) },
    ]);
    expect(index.similarToText(analyse({ title: 'CloudWatch logs missing again' }), { threshold: 0 }).map((match) => match.id)).toEqual(['a', 'b']);
  });
});

describe('packer', () => {
  const texts = [
    { title: 'Certificate rotation expired the gateway’s certificate', rootCause: 'A cron job of the certificate authority stopped', services: ['gateway'] },
    { title: 'Gateway certificate expired again', rootCause: 'Rotation job failed silently', services: ['gateway'], tags: ['tls'] },
    { title: 'Database failover took too long', rootCause: 'Replication lag on the standby', category: 'capacity' },
    { title: 'Standby database lagged during failover', narrative: 'Replication lag grew; see INC-2026-001.' },
  ];

  it('gives the index the same matches as the features it packed', () => {
    const analysed = texts.map((text, at) => ({ id: `INC-2026-00${at + 1}`, started: `2026-0${at + 1}-01T00:00:00Z`, ...analyse(text) }));
    const pack = packer();
    const packed = analysed.map((doc) => ({ ...doc, features: pack(doc.features) }));
    const all = new SimilarityIndex(analysed).all({ threshold: 0 });
    expect([...all.values()].flat().length).toBeGreaterThan(2);
    expect(new SimilarityIndex(packed).all({ threshold: 0 })).toEqual(all);
  });

  it('numbers each term once across post-mortems, in the order first seen', () => {
    const pack = packer();
    const a = pack(new Map([['x', 1], ['y', 2]]));
    const b = pack(new Map([['y', 3], ['z', 1.5]]));
    expect(a.vocabulary).toBe(b.vocabulary);
    expect(b.vocabulary).toEqual(['x', 'y', 'z']);
    expect([...Array.from(a.terms), ...Array.from(b.terms)]).toEqual([0, 1, 1, 2]);
    expect([...Array.from(a.counts), ...Array.from(b.counts)]).toEqual([1, 2, 3, 1.5]);
  });
});

describe('the library model', () => {
  const settings = testSettings();
  const entry = (id: string, title: string, extra: { status?: 'draft' | 'published'; visibility?: 'public' | 'internal' } = {}) => ({
    id,
    file: `postmortems/${id}.mdx`,
    data: { ...testPostmortem({ id, started: '2026-01-0' + id.slice(-1) + 'T10:00:00Z', status: extra.status, visibility: extra.visibility }, settings), title },
    narrative: () => `${title}. Pods lost their AWS credentials.`,
  });
  // Four of one failure, two others; the same words, so equal scores, ranked by id.
  const entries = [
    entry('INC-1', 'KIAM certificate expired', { visibility: 'public' }),
    entry('INC-2', 'KIAM certificate expired', { visibility: 'internal' }),
    entry('INC-3', 'KIAM certificate expired', { status: 'draft', visibility: 'public' }),
    entry('INC-4', 'KIAM certificate expired', { visibility: 'public' }),
    entry('INC-5', 'Checkout latency after a database failover', { visibility: 'public' }),
    entry('INC-6', 'DNS resolution failed in the EU region', { visibility: 'public' }),
  ];
  const similarIds = (options: { drafts: boolean; visibility: 'all' | 'public' }, id: string) =>
    buildLibrary(entries, settings, { today: '2026-02-01', ...options }).similar.get(id)?.map((match) => match.id);

  it.each([
    // Without drafts, a draft is never suggested (nor given suggestions: it has no page).
    [{ drafts: false, visibility: 'all' as const }, 'INC-4', ['INC-1', 'INC-2']],
    [{ drafts: false, visibility: 'all' as const }, 'INC-3', undefined],
    // A preview with drafts shows them, and suggests them.
    [{ drafts: true, visibility: 'all' as const }, 'INC-4', ['INC-1', 'INC-2', 'INC-3']],
    // A public build suggests public post-mortems only.
    [{ drafts: false, visibility: 'public' as const }, 'INC-4', ['INC-1']],
    [{ drafts: false, visibility: 'public' as const }, 'INC-2', undefined],
  ])('%o: %s', (options, id, expected) => {
    expect(similarIds(options, id)).toEqual(expected);
  });

  it('gives incidents.json each post-mortem\'s similar ones: id, score, terms and services', () => {
    const library = buildLibrary(entries, settings, { today: '2026-02-01', drafts: false, visibility: 'all' });
    const record = incidentJson(library.byId.get('INC-4')!, library.similar.get('INC-4')!);
    expect(record.similar).toEqual([
      { id: 'INC-1', score: expect.any(Number), terms: expect.arrayContaining(['kiam', 'certificate', 'expired']), services: ['checkout-api'] },
      { id: 'INC-2', score: record.similar[0].score, terms: record.similar[0].terms, services: ['checkout-api'] },
    ]);
    expect(record.similar[0].score).toBeGreaterThan(0.5);
    expect(Object.keys(record.similar[0])).toEqual(['id', 'score', 'terms', 'services']);
    // The record's other keys are as before, similar last.
    expect(Object.keys(record).at(-1)).toBe('similar');
  });
});
