// npm run import -- <file|folder>… [--out DIR] [--timezone ZONE] [--id-from name|heading] [--dry-run] [--format text|json]
// Brings an archive of Markdown post-mortems into the library.
import { DateTime } from 'luxon';
import { IMPORT_USAGE, parseImportArgs } from './lib/import/args.ts';
import { collect, importAll } from './lib/import/files.ts';
import { renderJson, renderText } from './lib/import/report.ts';

let args;
try {
  args = parseImportArgs(process.argv.slice(2));
} catch (error) {
  console.error(`import: ${(error as Error).message}\n${IMPORT_USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(IMPORT_USAGE);
  process.exit(0);
}

const { sources, skipped, missing } = collect(args.inputs);
if (missing.length) {
  console.error(`import: no such file or folder: ${missing.join(', ')}`);
  process.exit(2);
}
const results = importAll(sources, { out: args.out, dryRun: args.dryRun, timezone: args.timezone, idFrom: args.idFrom, today: DateTime.now().toISODate()! });
console.log(args.format === 'json' ? renderJson(results, skipped, args.dryRun) : renderText(results, skipped, args.dryRun));
process.exitCode = results.some((r) => r.outcome === 'failed') ? 1 : 0;
