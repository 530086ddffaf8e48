/**
 * `--help` (or `-h`) for a command: prints its usage and exits 0 before anything else runs.
 * Each script calls it first with the usage its header comment gives.
 */
export function helpRequested(usage: string, argv: readonly string[] = process.argv.slice(2)): void {
  if (!argv.includes('--help') && !argv.includes('-h')) return;
  console.log(usage);
  process.exit(0);
}
