// npm run generate -- --count N --out DIR [--seed S] [--today YYYY-MM-DD]
// Writes a synthetic post-mortem library (N files + settings.yaml) for benchmarks and scale tests.
import { parseGenerateArgs, writeLibrary } from './lib/generate-files.ts';
import { helpRequested } from './lib/help.ts';

helpRequested("usage: npm run generate -- --count N --out DIR [--seed S] [--today YYYY-MM-DD]\n\nWrites N realistic synthetic post-mortems (and settings.yaml) into DIR, for benchmarks and scale tests.");

let args;
try {
  args = parseGenerateArgs(process.argv.slice(2));
} catch (error) {
  console.error(`generate: ${(error as Error).message}\nusage: npm run generate -- --count N --out DIR [--seed S] [--today YYYY-MM-DD]`);
  process.exit(2);
}

const written = writeLibrary(args);
console.log(`wrote ${written} post-mortems and settings.yaml to ${args.out} (seed ${args.seed}); build it with HINDSIGHT_CONTENT=${args.out} HINDSIGHT_NOW=${args.today}`);
