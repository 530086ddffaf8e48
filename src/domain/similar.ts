import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/*
 * Similar post-mortems (docs/similar.md): "has this happened before?". Each post-mortem becomes a
 * weighted bag of stemmed words (Porter's stemmer, the `stemmer` package; English stop words from
 * the `stopword` package) from its title, impact, timeline, whys, root cause, actions and
 * narrative, plus its services, tags and root-cause category as features of their own, and the ids
 * its text names. Words are weighted by how rare they are in the library (BM25's idf) and
 * sublinearly by how often they occur; two post-mortems are as similar as the cosine of their
 * vectors (0 to 1), a named id adding a little on top.
 *
 * No all-pairs comparison: every post-mortem posts its strongest terms to an inverted index, the
 * candidates for a post-mortem are those sharing one of its strongest terms, and only those are
 * scored in full. Deterministic: the same texts give the same suggestions, whatever their order.
 * Pure: no file system, no clock.
 */

/** The texts of a post-mortem that similarity reads, and its labels. */
export interface SimilarText {
  /** Its own id: a post-mortem whose text names it shares that with it. */
  id?: string;
  title: string;
  /** impact.summary, detection notes and the like: short prose about what happened. */
  summary?: readonly string[];
  timeline?: readonly string[];
  whys?: readonly string[];
  rootCause?: string | null;
  actions?: readonly string[];
  /** The narrative below the frontmatter, as written (Markdown). */
  narrative?: string;
  services?: readonly string[];
  tags?: readonly string[];
  category?: string | null;
}

/**
 * How much one occurrence of a word counts, by where it is. A title names the symptom and a root
 * cause the mechanism: the two things a repeat shares; a narrative is long and wanders.
 */
export const FIELD_WEIGHTS = { title: 3, rootCause: 2, summary: 1.5, whys: 1.5, timeline: 1, actions: 1, narrative: 1 } as const;

/** What a shared service, tag or category counts, as if it were a word written this many times. */
export const LABEL_WEIGHT = 3;

/** A post-mortem's features: stemmed word (or `service:x`, `tag:x`, `category:x`) → weighted count. */
export type Features = Map<string, number>;

/** A post-mortem's features, and the word each stem was first written as (for explanations). */
export interface Analysed {
  features: Features;
  forms: Map<string, string>;
}

const STOP = new Set([...eng, ...['also', 'via', 'etc', 'eg', 'ie', 'us', 'we', 'our', 'it', 'its', 'i', 'would', 'could', 'should', 'may', 'might', 'can', 'will', 'shall', 'must', 'do', 'did', 'does', 'done', 'get', 'got', 'one', 'two', 'us', 'am', 'pm', 'unknown', 'tbd', 'n/a', 'na', 'yes', 'no']]);

const stems = new Map<string, string>();

/** Porter's stem of a lower-case word, remembered: a library repeats its words thousands of times. */
function stem(word: string): string {
  let found = stems.get(word);
  if (found === undefined) {
    found = own(stemmer(word));
    if (stems.size > 200_000) stems.clear();
    stems.set(own(word), found);
  }
  return found;
}

/**
 * A word as a string of its own. V8 cuts a word of 13 characters or more out of a text as a slice
 * that keeps the whole text alive: a remembered stem or written form of each post-mortem would
 * keep its whole narrative in memory for as long as the index lives.
 */
function own(word: string): string {
  return word.length < 13 ? word : (` ${word}`).slice(1);
}

/**
 * The words of a text, lower case, without stop words, URLs, Markdown link targets, dates, times or
 * numbers other than three-digit ones (status codes such as 503 tell failures apart; times and
 * years do not).
 */
export function words(text: string): string[] {
  const cleaned = text
    .toLowerCase()
    .replace(/\]\([^)\s]*\)/g, ' ')
    .replace(/\b(?:https?|ftp):\/\/\S+/g, ' ')
    .replace(/['’]s\b/g, '');
  const out: string[] = [];
  for (const word of cleaned.split(NOT_WORD)) {
    if (word.length < 2 || STOP.has(word)) continue;
    // All digits: only three of them (a status code); digits and letters (5xx, 2fa) are words.
    if (isDigit(word.charCodeAt(0)) && word.length !== 3 && /^\p{N}+$/u.test(word)) continue;
    out.push(word);
  }
  return out;
}

const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** What reads like a post-mortem id: letters, then digits, with dashes or underscores (INC-2025-019, PM2021-005, INC-102). */
const ID_LIKE = /\b[A-Za-z]{1,12}[-_]?\d{2,}(?:[-_]\d+)*\b/g;

/** Records that a text names an id (its own, or another post-mortem's), once. */
function mention(features: Features, forms: Map<string, string>, id: string): void {
  const key = `id:${id.toLowerCase()}`;
  if (features.has(key)) return;
  features.set(key, LABEL_WEIGHT);
  forms.set(key, id);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The features of one post-mortem. `ignoreServices`: shared infrastructure, which says nothing about a failure (settings.platformServices). */
export function analyse(text: SimilarText, ignoreServices: ReadonlySet<string> = new Set()): Analysed {
  const features: Features = new Map();
  const forms = new Map<string, string>();
  const add = (value: string | null | undefined, weight: number) => {
    if (!value) return;
    for (const word of words(value)) {
      const key = stem(word);
      features.set(key, (features.get(key) ?? 0) + weight);
      // Shown as first written: in the title when it is there.
      if (!forms.has(key)) forms.set(key, own(word));
    }
  };
  add(text.title, FIELD_WEIGHTS.title);
  add(text.rootCause, FIELD_WEIGHTS.rootCause);
  for (const value of text.summary ?? []) add(value, FIELD_WEIGHTS.summary);
  for (const value of text.whys ?? []) add(value, FIELD_WEIGHTS.whys);
  for (const value of text.timeline ?? []) add(value, FIELD_WEIGHTS.timeline);
  for (const value of text.actions ?? []) add(value, FIELD_WEIGHTS.actions);
  add(text.narrative, FIELD_WEIGHTS.narrative);
  // A post-mortem that names another by its id ("see PM2019-009") shares that name with it.
  if (text.id) mention(features, forms, text.id);
  for (const value of [text.title, text.rootCause, text.narrative, ...(text.summary ?? []), ...(text.whys ?? []), ...(text.timeline ?? [])]) {
    if (value) for (const match of value.matchAll(ID_LIKE)) mention(features, forms, match[0]);
  }
  for (const service of new Set(text.services ?? [])) if (!ignoreServices.has(service)) features.set(`service:${service}`, LABEL_WEIGHT);
  for (const tag of new Set((text.tags ?? []).map((tag) => tag.toLowerCase()))) features.set(`tag:${tag}`, LABEL_WEIGHT);
  if (text.category) features.set(`category:${text.category}`, LABEL_WEIGHT);
  return { features, forms };
}

/**
 * Features as numbers: each term an index into a vocabulary many post-mortems share. What a cache
 * stores, and what the index reads without looking each word up again.
 */
export interface PackedFeatures {
  vocabulary: readonly string[];
  terms: ArrayLike<number>;
  counts: ArrayLike<number>;
}

/**
 * Packs features into one vocabulary for the whole library as each post-mortem is analysed: the
 * index reads them as it reads a cache's, and a library's features are numbers instead of a Map of
 * words each until the index is built.
 */
export function packer(): (features: Features) => PackedFeatures {
  const vocabulary: string[] = [];
  const ids = new Map<string, number>();
  return (features) => {
    const terms = new Int32Array(features.size);
    const counts = new Float64Array(features.size);
    let at = 0;
    for (const [term, count] of features) {
      let id = ids.get(term);
      if (id === undefined) ids.set(term, (id = vocabulary.push(term) - 1));
      terms[at] = id;
      counts[at++] = count;
    }
    return { vocabulary, terms, counts };
  };
}

/** One post-mortem in the index. */
export interface IndexDoc {
  id: string;
  /** When it started, ISO with offset: what "earlier" means. */
  started: string;
  /** As `analyse` gives them, or packed as a cache keeps them. */
  features: Features | PackedFeatures;
  /** Written forms of its stems, to explain a match in the words its authors used. */
  forms?: Map<string, string>;
}

/** A similar post-mortem, and why. */
export interface SimilarMatch {
  id: string;
  /** Cosine similarity (with the hint of a named id), 0 to 1, to 3 decimals. */
  score: number;
  /** The shared words that weigh most in the score, most telling first (at most 5). */
  terms: string[];
  /** The services both name. */
  services: string[];
  /** The root-cause category, when both have the same one. */
  category: string | null;
  /** The tags both carry. */
  tags: string[];
}

export interface SimilarOptions {
  /** At most this many suggestions; default 5. */
  limit?: number;
  /** Only matches scoring at least this; default SUGGEST_SCORE. */
  threshold?: number;
}

/**
 * The score from which a post-mortem is suggested: tuned on the labelled repeats of
 * docs/similar.md#how-well-it-works, the highest that finds every family of the real archive.
 */
export const SUGGEST_SCORE = 0.12;

/**
 * The score from which an earlier post-mortem sharing a category or service is a `possible-repeat`:
 * in the suggestions judged by hand (docs/similar.md#how-well-it-works) none from 0.2 up was
 * unrelated.
 */
export const REPEAT_SCORE = 0.2;

/** How many of a post-mortem's strongest terms it posts to the index and looks candidates up by. */
const POSTED = 20;
/** How many candidates, by their score on the strongest terms, are scored in full. */
const CANDIDATES = 20;
/**
 * A term among the strongest of more post-mortems than this finds no candidates: it is too common
 * to tell failures apart, and walking it would cost the most.
 */
const COMMON = 200;

interface Vector {
  terms: Int32Array;
  weights: Float64Array;
  /** Positions of its POSTED heaviest terms. */
  strongest: Int32Array;
}

/**
 * An index of a library's post-mortems for finding the similar ones. Building it is linear in the
 * library's words; a query looks at the post-mortems that share one of the query's strongest terms
 * among their own strongest, so a whole library costs far less than comparing every pair.
 */
export class SimilarityIndex {
  private readonly docs: IndexDoc[];
  private readonly position = new Map<string, number>();
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[];
  private readonly idf: Float64Array;
  /** 1 for an id named in a text (`id:…`): a hint on top of the score, left out of a vector's length. */
  private readonly named: Uint8Array;
  private readonly vectors: Vector[];
  private readonly postingDocs: number[][];
  private readonly postingWeights: number[][];
  private readonly scratch: Float64Array;

  constructor(docs: readonly IndexDoc[]) {
    // Sorted by id, and terms numbered in alphabetical order: the same library gives the same
    // sums in the same order, so the same scores, whatever order its files were read in.
    this.docs = [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.docs.forEach((doc, index) => this.position.set(doc.id, index));
    // Every term numbered once; a packed vocabulary's words are looked up once each, not per use.
    const names: string[] = [];
    const number = new Map<string, number>();
    const intern = (term: string) => {
      let id = number.get(term);
      if (id === undefined) number.set(term, (id = names.push(term) - 1));
      return id;
    };
    const translations = new Map<readonly string[], Int32Array>();
    const interned = this.docs.map(({ features }) => {
      if (features instanceof Map) return { terms: Int32Array.from(features.keys(), intern), counts: Float64Array.from(features.values()) };
      let translate = translations.get(features.vocabulary);
      if (!translate) translations.set(features.vocabulary, (translate = new Int32Array(features.vocabulary.length).fill(-1)));
      const terms = new Int32Array(features.terms.length);
      for (let i = 0; i < terms.length; i++) {
        const id = features.terms[i];
        terms[i] = translate[id] === -1 ? (translate[id] = intern(features.vocabulary[id])) : translate[id];
      }
      return { terms, counts: Float64Array.from(features.counts) };
    });
    const df = new Int32Array(names.length);
    for (const doc of interned) for (const term of doc.terms) df[term]++;
    const order = Array.from(names.keys()).sort((a, b) => (names[a] < names[b] ? -1 : 1));
    const rank = new Int32Array(names.length);
    order.forEach((id, position) => (rank[id] = position));
    this.termNames = order.map((id) => names[id]);
    this.termNames.forEach((term, index) => this.termIds.set(term, index));
    const n = this.docs.length;
    // BM25's idf: a word in every post-mortem weighs almost nothing, one in a single one the most.
    this.idf = Float64Array.from(order, (id) => Math.log(1 + (n - df[id] + 0.5) / (df[id] + 0.5)));
    this.named = Uint8Array.from(this.termNames, (term) => (term.startsWith('id:') ? 1 : 0));
    this.vectors = interned.map((doc) => this.weigh(doc.terms.map((id) => rank[id]), doc.counts));
    this.postingDocs = this.termNames.map(() => []);
    this.postingWeights = this.termNames.map(() => []);
    this.vectors.forEach((vector, doc) => {
      for (const index of vector.strongest) {
        this.postingDocs[vector.terms[index]].push(doc);
        this.postingWeights[vector.terms[index]].push(vector.weights[index]);
      }
    });
    this.scratch = new Float64Array(n);
  }

  /** How many post-mortems it holds. */
  get size(): number {
    return this.docs.length;
  }

  /** Whether it holds this id. */
  has(id: string): boolean {
    return this.position.has(id);
  }

  /** The post-mortems most similar to the one with this id, best first (ties by id). */
  similarTo(id: string, options: SimilarOptions = {}): SimilarMatch[] {
    const at = this.position.get(id);
    if (at === undefined) return [];
    return this.matches(this.vectors[at], this.docs[at].forms, at, options);
  }

  /** The post-mortems most similar to a text that is not in it (a title for `npm run new`). */
  similarToText(analysed: Analysed, options: SimilarOptions = {}): SimilarMatch[] {
    return this.matches(this.vector(analysed.features), analysed.forms, -1, options);
  }

  /** Every post-mortem's similar ones, by id. */
  all(options: SimilarOptions = {}): Map<string, SimilarMatch[]> {
    return new Map(this.docs.map((doc, at) => [doc.id, this.matches(this.vectors[at], doc.forms, at, options)]));
  }

  /** The vector of features from outside the index (a text for similarToText): words it does not hold are left out. */
  private vector(features: Features): Vector {
    const terms: number[] = [];
    const counts: number[] = [];
    for (const [term, count] of features) {
      const id = this.termIds.get(term);
      // A word no post-mortem of the library holds cannot make it similar to any.
      if (id === undefined) continue;
      terms.push(id);
      counts.push(count);
    }
    return this.weigh(Int32Array.from(terms), Float64Array.from(counts));
  }

  /** Weights (1 + ln count) × idf, in term order, to unit length. */
  private weigh(ids: Int32Array, counts: Float64Array): Vector {
    // Term number and place packed in one number, so a numeric sort of a typed array orders them.
    const size = ids.length;
    const packed = new Float64Array(size);
    for (let i = 0; i < size; i++) packed[i] = ids[i] * 2 ** 20 + i;
    packed.sort();
    const terms = new Int32Array(size);
    const weights = new Float64Array(size);
    let norm = 0;
    for (let i = 0; i < size; i++) {
      const id = Math.floor(packed[i] / 2 ** 20);
      const weight = (1 + Math.log(counts[packed[i] - id * 2 ** 20])) * this.idf[id];
      terms[i] = id;
      weights[i] = weight;
      // Every post-mortem holds its own id, so it would only shorten every vector alike.
      if (!this.named[id]) norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < size; i++) weights[i] /= norm;
    return { terms, weights, strongest: heaviest(weights, POSTED) };
  }

  private matches(vector: Vector, ownForms: Map<string, string> | undefined, self: number, { limit = 5, threshold = SUGGEST_SCORE }: SimilarOptions): SimilarMatch[] {
    const partial = this.scratch;
    const touched: number[] = [];
    for (const index of vector.strongest) {
      const term = vector.terms[index];
      const docs = this.postingDocs[term];
      if (docs.length > COMMON) continue;
      const weights = this.postingWeights[term];
      const weight = vector.weights[index];
      for (let k = 0; k < docs.length; k++) {
        const doc = docs[k];
        if (doc === self) continue;
        if (partial[doc] === 0) touched.push(doc);
        partial[doc] += weight * weights[k];
      }
    }
    // The CANDIDATES best partial scores: the cut found by a numeric sort, ties by position.
    let pool = touched;
    if (touched.length > CANDIDATES) {
      const cut = Float64Array.from(touched, (doc) => partial[doc]).sort()[touched.length - CANDIDATES];
      pool = touched.filter((doc) => partial[doc] >= cut);
    }
    const candidates = pool.sort((a, b) => partial[b] - partial[a] || a - b).slice(0, CANDIDATES);
    for (const doc of touched) partial[doc] = 0;
    const scored = candidates
      .map((doc) => ({ doc, score: Math.round(Math.min(1, dot(vector, this.vectors[doc])) * 1000) / 1000 }))
      .filter((match) => match.score >= threshold && match.score > 0)
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, limit);
    return scored.map(({ doc, score }) => this.explain(vector, doc, score, ownForms));
  }

  private explain(vector: Vector, doc: number, score: number, ownForms: Map<string, string> | undefined): SimilarMatch {
    const other = this.vectors[doc];
    const shared: { term: string; weight: number }[] = [];
    for (let i = 0, j = 0; i < vector.terms.length && j < other.terms.length; ) {
      if (vector.terms[i] < other.terms[j]) i++;
      else if (vector.terms[i] > other.terms[j]) j++;
      else {
        shared.push({ term: this.termNames[vector.terms[i]], weight: vector.weights[i] * other.weights[j] });
        i++;
        j++;
      }
    }
    shared.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
    const labelled = (prefix: string) => shared.filter((entry) => entry.term.startsWith(prefix)).map((entry) => entry.term.slice(prefix.length)).sort();
    const category = labelled('category:')[0] ?? null;
    const terms: string[] = [];
    for (const { term } of shared) {
      if (term.includes(':') && !term.startsWith('id:')) continue;
      const form = ownForms?.get(term) ?? this.docs[doc].forms?.get(term) ?? (term.startsWith('id:') ? term.slice(3).toUpperCase() : term);
      if (!terms.includes(form)) terms.push(form);
      if (terms.length === 5) break;
    }
    return { id: this.docs[doc].id, score, terms, services: labelled('service:'), category, tags: labelled('tag:') };
  }
}

/** The positions of the `count` largest weights, in position order (the first among equals). */
function heaviest(weights: Float64Array, count: number): Int32Array {
  if (weights.length <= count) return Int32Array.from(weights.keys());
  const cut = Float64Array.from(weights).sort()[weights.length - count];
  let above = 0;
  for (const weight of weights) if (weight > cut) above++;
  let ties = count - above;
  const out = new Int32Array(count);
  let size = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] > cut || (weights[i] === cut && ties-- > 0)) out[size++] = i;
  }
  return out;
}

function dot(a: Vector, b: Vector): number {
  let sum = 0;
  for (let i = 0, j = 0; i < a.terms.length && j < b.terms.length; ) {
    if (a.terms[i] < b.terms[j]) i++;
    else if (a.terms[i] > b.terms[j]) j++;
    else sum += a.weights[i++] * b.weights[j++];
  }
  return sum;
}

/** What similarity reads of a post-mortem's frontmatter (as written, or as the model holds it) and narrative. */
export interface SimilarSource {
  title: string;
  services: readonly string[];
  tags: readonly string[];
  timeline: readonly { event: string }[];
  whys: readonly string[] | null;
  rootCause: { category: string | null; summary: string | null };
  impact: { summary?: string };
  detection?: { notes?: string } | null;
  actions: readonly { title: string }[];
}

/** The texts and labels of a post-mortem, as `analyse` reads them. */
export function similarText(pm: SimilarSource, narrative?: string, id?: string): SimilarText {
  return {
    id,
    title: pm.title,
    summary: [pm.impact.summary, pm.detection?.notes].filter((text): text is string => !!text),
    timeline: pm.timeline.map((item) => item.event),
    whys: pm.whys ?? [],
    rootCause: pm.rootCause.summary,
    actions: pm.actions.map((action) => action.title),
    narrative,
    services: pm.services,
    tags: pm.tags,
    category: pm.rootCause.category,
  };
}

/** What the `possible-repeat` warning reads of a post-mortem. */
export interface RepeatCandidate {
  id: string;
  started: string;
  services: readonly string[];
  category: string | null;
  related: readonly string[];
  repeatOf?: string;
}

/**
 * docs/similar.md#while-writing: the earlier post-mortems a post-mortem may well repeat — very
 * similar (REPEAT_SCORE), earlier, with the same root-cause category or a shared service — that
 * neither it nor they link (`related`, `repeatOf`): the author links them, or says why not.
 */
export function possibleRepeats(
  pm: RepeatCandidate,
  matches: readonly SimilarMatch[],
  byId: ReadonlyMap<string, RepeatCandidate>,
  threshold = REPEAT_SCORE,
): SimilarMatch[] {
  return matches.filter((match) => {
    const other = byId.get(match.id);
    if (!other || match.score < threshold || Date.parse(other.started) >= Date.parse(pm.started)) return false;
    const linked = pm.related.includes(other.id) || pm.repeatOf === other.id || other.related.includes(pm.id) || other.repeatOf === pm.id;
    const sameCategory = pm.category !== null && pm.category === other.category;
    const sharedService = pm.services.some((service) => other.services.includes(service));
    return !linked && (sameCategory || sharedService);
  });
}
