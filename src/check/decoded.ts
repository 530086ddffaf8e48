import { decodeHTML } from 'entities';
import { locate, nodeAt, type Source } from './source.ts';

/*
 * The linters read a file as it is written; a secret or an address can also be written so that
 * only the reader sees it: a YAML escape ("\x41KIA…", "\u0041…"), a value folded over two lines,
 * an HTML entity in the body ("&#65;KIA…", "&commat;"). decodedText() gives the linters those
 * stretches once more, as they read, with the file offset of every character, so a finding there
 * is reported where it is written. Only what reads otherwise than it is written is given: most
 * files have nothing of the kind and cost one `includes` per frontmatter string.
 */

/** Stretches of a file as they read, joined, and the file offset of each of their characters. */
export interface DecodedText {
  text: string;
  offsetOf: (index: number) => number;
}

interface Piece {
  text: string;
  offsetOf: (index: number) => number;
}

/** Strings shorter than this hold nothing the linters look for ("a@b.io" is 6). */
const SHORTEST = 6;
/** Between two stretches: no pattern of the linters runs across a blank line. */
const GAP = '\n\n';

/**
 * What of a file reads otherwise than it is written: its frontmatter strings (keys too) as YAML
 * reads them, when they are not written just so, and the lines with HTML entities, decoded.
 * `data` is the frontmatter as read (or as the schema returned it). Undefined when there is none.
 */
export function decodedText(source: Source, data: unknown): DecodedText | undefined {
  const pieces = [...yamlStrings(source, data), ...entityLines(source.text)];
  if (!pieces.length) return undefined;
  const starts: number[] = [];
  let text = '';
  for (const piece of pieces) {
    if (text) text += GAP;
    starts.push(text.length);
    text += piece.text;
  }
  return {
    text,
    offsetOf: (index) => {
      let at = starts.length - 1;
      while (at > 0 && starts[at] > index) at--;
      return pieces[at].offsetOf(Math.max(0, Math.min(index - starts[at], pieces[at].text.length - 1)));
    },
  };
}

/**
 * Whether some string of a YAML text may read otherwise than it is written: it has an escape, a
 * doubled quote, a block scalar, a line that continues a scalar (no key, no list dash), or a quote
 * left open at the end of a line. Checked on the text first: looking each string up in it costs
 * ten times more, and most frontmatter has none of these.
 */
export function mayReadOtherwise(yaml: string): boolean {
  return yaml.includes('\\') || yaml.includes("''") || BLOCK_SCALAR.test(yaml) || CONTINUATION.test(yaml) || quoteLeftOpen(yaml);
}

/** A quoted scalar that a line break falls inside of: its quotes are not on one line. */
function quoteLeftOpen(yaml: string): boolean {
  let open = -1;
  for (let at = yaml.indexOf('"'); at !== -1; at = yaml.indexOf('"', at + 1)) {
    if (open === -1) open = at;
    else if (yaml.lastIndexOf('\n', at) > open) return true;
    else open = -1;
  }
  if (open !== -1) return true;
  // A single quote opens a scalar only where a value starts (an apostrophe in a word does not).
  for (let at = yaml.indexOf("'"); at !== -1; at = yaml.indexOf("'", at + 1)) {
    if (!VALUE_START.test(yaml.slice(Math.max(0, at - 8), at))) continue;
    const close = yaml.slice(at + 1).search(/'(?!')/);
    if (close === -1 || yaml.slice(at + 1, at + 1 + close).includes('\n')) return true;
    at += close + 1;
  }
  return false;
}
/** Text before a quote that makes it the start of a value: a key's colon, a list dash, a flow's bracket or comma. */
const VALUE_START = /(?:^|[\n:,[{-])[ \t]*$/;

const BLOCK_SCALAR = /(?:^|[:-])[ \t]*[|>][-+1-9]*[ \t]*(?:#.*)?$/m;
const CONTINUATION = /^[ \t]+(?![ \t]|-[ \t]|-$|#)(?:(?!: |:$)[^\r\n])+\r?$/m;

/** Frontmatter strings and keys that are not in the YAML as they read: escaped, folded, quoted with `''`. */
function yamlStrings(source: Source, data: unknown): Piece[] {
  const yaml = source.frontmatter;
  if (yaml === undefined || data === undefined || !mayReadOtherwise(yaml)) return [];
  const pieces: Piece[] = [];
  const differs = (text: string) => text.length >= SHORTEST && !yaml.includes(text);
  const walk = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === 'string') {
      if (!differs(value)) return;
      let offsets: number[] | undefined;
      pieces.push({ text: value, offsetOf: (index) => (offsets ??= valueOffsets(source, path, value))[Math.min(index, offsets.length - 1)] });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (differs(key)) pieces.push({ text: key, offsetOf: () => locate(source, [...path, key], 'key') });
        walk(item, [...path, key]);
      }
    }
  };
  walk(data, []);
  return pieces;
}

/** A character reference: numeric, hexadecimal or named, with or without its `;` (browsers read both). */
const ENTITY = /&(?:#\d{1,8}|#[xX][\da-fA-F]{1,8}|[A-Za-z][A-Za-z\d]{1,31});?/g;

/** The lines of a text that hold HTML entities, each decoded, with the offset of every character. */
function entityLines(text: string): Piece[] {
  if (!text.includes('&')) return [];
  const pieces: Piece[] = [];
  let line = -1;
  let decoded = '';
  let offsets: number[] = [];
  let from = 0;
  const endLine = () => {
    if (line === -1) return;
    const end = text.indexOf('\n', from);
    const rest = text.slice(from, end === -1 ? text.length : end);
    for (let i = 0; i < rest.length; i++) offsets.push(from + i);
    const lineOffsets = offsets;
    pieces.push({ text: decoded + rest, offsetOf: (index) => lineOffsets[index] });
    line = -1;
  };
  for (const match of text.matchAll(ENTITY)) {
    const value = decodeHTML(match[0]);
    if (value === match[0]) continue;
    const start = text.lastIndexOf('\n', match.index) + 1;
    if (start !== line) {
      endLine();
      line = from = start;
      decoded = '';
      offsets = [];
    }
    // Text between entities as it is, then the entity's characters, all at the entity's offset.
    for (let i = from; i < match.index; i++) offsets.push(i);
    decoded += text.slice(from, match.index) + value;
    for (let i = 0; i < value.length; i++) offsets.push(match.index);
    from = match.index + match[0].length;
  }
  endLine();
  return pieces;
}

/** The file offset of each character of the string value at a field path (its start when it cannot be followed). */
export function valueOffsets(source: Source, path: readonly PropertyKey[], value: string): number[] {
  const range = nodeAt(source, path)?.range;
  if (!range) return [locate(source, path)];
  return alignValue(value, source.text, source.frontmatterOffset + range[0], source.frontmatterOffset + range[1]);
}

/**
 * The file offset of each character of a YAML string value, found by walking the value and its
 * source together: quotes, block indicators (`>`, `|`), the indentation of continuation lines and
 * folded line breaks are skipped, so a finding on the second line of a folded `whys` entry points
 * at that line. An escape (`\"`, `\n`) the walk cannot follow costs at most a few columns.
 */
export function alignValue(value: string, text: string, start: number, end: number): number[] {
  const offsets: number[] = new Array(value.length);
  // A block scalar's text starts on the line after its header (`|-  # a comment`).
  let at = text[start] === '|' || text[start] === '>' ? text.indexOf('\n', start) + 1 || start : start;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    const space = /\s/.test(char);
    // The first character may sit after an opening quote or indentation; later ones are close by.
    const limit = i === 0 ? end : Math.min(end, at + 16);
    let found = -1;
    for (let j = at; j < limit; j++) {
      if (text[j] === char || (space && /\s/.test(text[j]))) {
        found = j;
        break;
      }
    }
    if (found === -1) {
      offsets[i] = Math.min(at, end);
      continue;
    }
    offsets[i] = found;
    at = found + 1;
  }
  return offsets;
}

