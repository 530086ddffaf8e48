import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { treeRss } from './memory.ts';

/** What one measured command cost. */
export interface Measurement {
  code: number;
  /** Wall time in ms. */
  wallMs: number;
  /** User + system CPU time of the whole process tree in ms (from /usr/bin/time), or null without it. */
  cpuMs: number | null;
  /** Peak of the summed resident memory of the process tree, sampled every ~100 ms, in bytes. */
  peakRss: number;
  /** Largest resident memory of any one process of the tree (/usr/bin/time's maximum RSS), in bytes, or null. */
  maxProcessRss: number | null;
  /** Every sample: ms since the start and the tree's RSS in bytes (where the memory went, over time). */
  samples: [number, number][];
  output: string;
}

const TIME = '/usr/bin/time';

/**
 * Runs a command and measures it: wall time, peak RSS of the whole process tree (sampled from
 * /proc every `sampleMs`), and, where /usr/bin/time exists, CPU time of the tree and the largest
 * single process. CPU time is worth having on a shared machine: wall time varies with the load of
 * other people's builds, CPU time much less.
 */
export function measure(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; sampleMs?: number }): Promise<Measurement> {
  const useTime = existsSync(TIME);
  const scratch = useTime ? mkdtempSync(join(tmpdir(), 'hindsight-time-')) : undefined;
  const timeFile = scratch ? join(scratch, 'time.txt') : undefined;
  const [file, argv] = useTime ? [TIME, ['-f', '%e %U %S %M', '-o', timeFile!, command, ...args]] : [command, [...args]];
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    let peakRss = 0;
    const samples: [number, number][] = [];
    const sample = () => {
      if (!child.pid) return;
      const rss = treeRss(child.pid);
      samples.push([Math.round(performance.now() - started), rss]);
      peakRss = Math.max(peakRss, rss);
    };
    const timer = setInterval(sample, options.sampleMs ?? 100);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const wallMs = performance.now() - started;
      let cpuMs: number | null = null;
      let maxProcessRss: number | null = null;
      if (timeFile && existsSync(timeFile)) {
        // The last line: a failing command makes time print "Command exited with non-zero status" first.
        const fields = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
        if (fields.length === 4 && fields.every(Number.isFinite)) {
          cpuMs = (fields[1] + fields[2]) * 1000;
          maxProcessRss = fields[3] * 1024;
        }
      }
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      resolvePromise({ code: code ?? 1, wallMs, cpuMs, peakRss: Math.max(peakRss, maxProcessRss ?? 0), maxProcessRss, samples, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

/** Total size in bytes of the files under a folder. */
export function folderSize(path: string): number {
  if (!existsSync(path)) return 0;
  let total = 0;
  for (const item of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (item.isFile()) total += statSync(join(item.parentPath, item.name)).size;
  }
  return total;
}
