import { parseArgs } from 'node:util';
import { IANAZone } from 'luxon';

export const IMPORT_USAGE = `usage: npm run import -- <file|folder>… [--out DIR] [--timezone ZONE] [--id-from name|heading] [--dry-run] [--format text|json]

Imports Markdown post-mortems: one .md post-mortem per source under DIR/<year>/ (default
content/postmortems), with the facts it could read in the frontmatter, the rest left unknown, and
the whole text in the body. A second import of the same source updates its file.
  --timezone ZONE   the IANA zone of times when a file states none (e.g. Europe/Berlin)
  --id-from         take ids from the file name or the title (default: the source's own id, e.g.
                    PM2021-011, else the file name)
  --dry-run         report what would be written; write nothing
Exit 0 when every file was imported, 1 when any was not, 2 on a wrong option or a missing file.
See docs/migrating.md.`;

export interface ImportArgs {
  inputs: string[];
  out: string;
  timezone?: string;
  idFrom?: 'name' | 'heading';
  dryRun: boolean;
  format: 'text' | 'json';
  help: boolean;
}

/** Throws with a message on bad input. */
export function parseImportArgs(argv: readonly string[]): ImportArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      out: { type: 'string', default: 'content/postmortems' },
      timezone: { type: 'string' },
      'id-from': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  const format = values.format as ImportArgs['format'];
  if (!['text', 'json'].includes(format)) throw new Error(`--format must be text or json, not "${format}"`);
  const idFrom = values['id-from'] as ImportArgs['idFrom'];
  if (idFrom !== undefined && !['name', 'heading'].includes(idFrom)) throw new Error(`--id-from must be name or heading, not "${idFrom}"`);
  if (values.timezone !== undefined && !IANAZone.isValidZone(values.timezone)) throw new Error(`--timezone must be an IANA zone such as Europe/Berlin or UTC, not "${values.timezone}"`);
  if (!values.help && !positionals.length) throw new Error('name at least one file or folder to import');
  return { inputs: positionals, out: values.out!, timezone: values.timezone, idFrom, dryRun: values['dry-run']!, format, help: values.help! };
}
