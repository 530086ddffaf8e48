import { existsSync } from 'node:fs';
import { markdownToMdast, mdxToMdast } from 'satteri';
import { localImages, nestingProblem, resolveLocalImage } from '../domain/narrative.ts';
import { position, type Source } from '../check/source.ts';
import type { Problem } from '../check/problem.ts';

/** Bodies that may show an image: a Markdown image or reference, or an <img>. */
const MAY_SHOW_IMAGE = /!\[|<img\b|^\s*\[[^\]]+\]:/im;

/**
 * The images beside post-mortems that a narrative shows but the build could not: missing, outside
 * the content folder, or not an image format the site serves (the renderer refuses the same,
 * src/loader/narrative.ts). `pathOf` gives each file's absolute path.
 */
export function imageProblems(sources: readonly Source[], pathOf: ReadonlyMap<string, string>, root: string): Problem[] {
  const problems: Problem[] = [];
  for (const source of sources) {
    const path = pathOf.get(source.file);
    if (!path || !MAY_SHOW_IMAGE.test(source.body) || nestingProblem(source.body)) continue;
    let tree: unknown;
    try {
      tree = source.file.endsWith('.md') ? markdownToMdast(source.body) : mdxToMdast(source.body);
    } catch {
      continue; // An MDX syntax error, reported by the linter.
    }
    for (const { url, offset } of localImages(tree)) {
      const found = resolveLocalImage(url, path, root);
      const problem = 'problem' in found ? found.problem : existsSync(found.path) ? undefined : 'does not exist; put the image beside the post-mortem, or fix the path (relative to this file)';
      if (problem) problems.push({ file: source.file, ...position(source, source.bodyOffset + offset), field: 'body', message: `shows the image ${url}, which ${problem}`, severity: 'error', rule: 'narrative-image' });
    }
  }
  return problems;
}
