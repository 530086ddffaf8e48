import { existsSync, readdirSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import { IMAGE_EXTENSIONS } from '../domain/narrative.ts';

/*
 * The one list of a library's post-mortem files, read by `check` and by the build alike, so the
 * two can never see different sets (docs/safety.md#one-file-list). Everything else under
 * `postmortems/` is either an image a narrative may show or gets a message: a file that looks
 * like a post-mortem but would not be built, a symbolic link, a name a URL cannot carry.
 */

/** What is wrong with a file under postmortems/ (its path absolute). */
export interface FileProblem {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface ContentFiles {
  /** The post-mortem files, absolute paths, sorted. */
  postmortems: string[];
  problems: FileProblem[];
}

/** A file or folder name every file system and URL can carry. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Post-mortem files: MDX, or plain Markdown (CommonMark and GFM, no JSX). */
const POSTMORTEM = /\.mdx?$/;
/** Names that look like a post-mortem meant to be read, but are not. */
const LOOKS_LIKE_POSTMORTEM = /\.(?:md|markdown|mdown|mkd|mdx)$/i;
const IMAGE = new RegExp(`\\.(?:${IMAGE_EXTENSIONS.join('|')})$`, 'i');

/** A name for a file that could be used as it is: what to suggest when it cannot. */
export function safeName(name: string): string {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const cleaned = stem.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|-+$/g, '');
  return `${cleaned || 'postmortem'}${extension.toLowerCase()}`;
}

/** Every post-mortem file under `dir` (a library's `postmortems/`), and what is wrong with the rest. */
export function listContent(dir: string): ContentFiles {
  const postmortems: string[] = [];
  const problems: FileProblem[] = [];
  if (!existsSync(dir)) return { postmortems, problems };
  const pending = [dir];
  while (pending.length) {
    const folder = pending.pop()!;
    let items: Dirent[];
    try {
      items = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check its permissions`, severity: 'error' });
      continue;
    }
    for (const item of items) {
      const path = join(folder, item.name);
      const shown = relative(dir, path);
      if (item.isSymbolicLink()) {
        problems.push({ path, message: `is a symbolic link; the library reads only files that are really in it — copy ${shown} here instead of linking it`, severity: 'error' });
      } else if (item.isDirectory()) {
        if (item.name.startsWith('.')) {
          // .git and the like: a hidden folder is not part of the library, unless it holds post-mortems.
          if (holdsPostmortems(path)) problems.push({ path, message: 'is a hidden folder (its name starts with "."), so the post-mortems in it would not be built; rename it', severity: 'error' });
        } else if (!SAFE_NAME.test(item.name)) {
          problems.push({ path, message: `is a folder name that URLs and some file systems cannot carry; rename it to "${safeName(item.name)}" (letters, digits, ".", "_" and "-")`, severity: 'error' });
        } else pending.push(path);
      } else if (!item.isFile()) {
        problems.push({ path, message: 'is not a regular file (a socket, a device or a pipe); remove it', severity: 'error' });
      } else if (LOOKS_LIKE_POSTMORTEM.test(item.name)) {
        if (item.name.startsWith('.')) problems.push({ path, message: `is a hidden file (its name starts with "."), so it would not be built; rename it to "${safeName(item.name.replace(/^\.+/, ''))}"`, severity: 'error' });
        else if (!POSTMORTEM.test(item.name)) problems.push({ path, message: `is not read: post-mortems are .md or .mdx files; rename it to "${safeName(item.name.replace(/\.[^.]+$/, /\.mdx$/i.test(item.name) ? '.mdx' : '.md'))}"`, severity: 'error' });
        else if (!SAFE_NAME.test(item.name)) problems.push({ path, message: `is a file name that URLs and some file systems cannot carry; rename it to "${safeName(item.name)}" (letters, digits, ".", "_" and "-")`, severity: 'error' });
        else postmortems.push(path);
      } else if (!IMAGE.test(item.name) && !item.name.startsWith('.')) {
        problems.push({ path, message: `is not a post-mortem (.md, .mdx) or an image (${IMAGE_EXTENSIONS.join(', ')}), and is not read; move it out of postmortems/`, severity: 'warning' });
      }
    }
  }
  return { postmortems: postmortems.sort(), problems: problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

function holdsPostmortems(folder: string): boolean {
  try {
    return readdirSync(folder, { recursive: true, encoding: 'utf8' }).some((name) => LOOKS_LIKE_POSTMORTEM.test(name));
  } catch {
    return false;
  }
}
