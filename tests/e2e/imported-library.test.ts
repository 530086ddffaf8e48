import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/build.ts';
import { describeQualityGate } from './lib/gate.ts';
import { useSite } from './lib/site.ts';

/*
 * The gate on an archive another organisation wrote: the 39 dfds post-mortems (tests/fixtures/dfds,
 * MIT, its LICENSE beside them) imported with `npm run import`, unknowns left unknown. Their pages
 * meet long narratives with their own headings, timelines kept as text, actions of unknown status,
 * quarters years apart, links between post-mortems, and no severity or service recorded — so the
 * library has no service page.
 */
const content = mkdtempSync(join(tmpdir(), 'hindsight-imported-'));
mkdirSync(join(content, 'postmortems'));
writeFileSync(join(content, 'settings.yaml'), 'name: Imported archive\ntimezone: UTC\n');
const run = spawnSync(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'scripts/import.ts'), join(ROOT, 'tests/fixtures/dfds'), '--out', join(content, 'postmortems')], { encoding: 'utf8' });
if (run.status !== 0) throw new Error(`npm run import failed:\n${run.stdout}${run.stderr}`);

describeQualityGate(useSite(content), { absentTypes: ['/services/*/'] });
