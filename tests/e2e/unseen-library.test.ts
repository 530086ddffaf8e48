import { describeQualityGate } from './lib/gate.ts';
import { useSite } from './lib/site.ts';

/*
 * The same gate on a library the example's authors did not write: the analytics fixture has a
 * quiet quarter, a draft, a post-mortem in another time zone, no settings.url and no
 * repository, so pages, feeds and charts meet shapes content/ never shows them.
 *
 * Any other library can be put through it by hand, e.g. a generated one:
 *   node scripts/generate.ts --count 40 --out /tmp/lib
 *   HINDSIGHT_GATE_CONTENT=/tmp/lib npx vitest run tests/e2e/unseen-library.test.ts
 */
const site = useSite(process.env.HINDSIGHT_GATE_CONTENT ?? 'tests/fixtures/analytics');

describeQualityGate(site);
