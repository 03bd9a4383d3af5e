/**
 * SPIN's rows: generate pan from the Promela twin of a case, compile it with and without partial
 * order reduction, run it in a temporary directory, and read its report.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchCase, PromelaSource } from './cases.js';
import { parsePanOutput } from './pan-output.js';
import type { Row } from './table.js';
import { gnuTime, hasGnuTime } from './tools.js';

function run(command: string, args: readonly string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${command} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** Runs `./pan -m<depth>`, under GNU time when it is there. Returns pan's report and peak RSS. */
function runPan(binary: string, depthLimit: number, dir: string): { text: string; maxRssKiB: number | undefined } {
  const panArgs = [`-m${depthLimit}`];
  if (!hasGnuTime()) return { text: run(`./${binary}`, panArgs, dir), maxRssKiB: undefined };
  const rssFile = join(dir, `${binary}.rss`);
  const text = run(gnuTime, ['-f', '%M', '-o', rssFile, `./${binary}`, ...panArgs], dir);
  const kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  return { text, maxRssKiB: Number.isFinite(kib) && kib > 0 ? kib : undefined };
}

function rowFrom(bench: BenchCase, tool: Row['tool'], text: string, depthLimit: number, maxRssKiB: number | undefined): Row {
  let stats;
  try {
    stats = parsePanOutput(text, depthLimit);
  } catch (e) {
    throw new Error(`${bench.name}, ${tool}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    caseName: bench.name,
    tool,
    states: stats.states,
    transitions: stats.transitions,
    seconds: stats.seconds,
    bytesPerState: stats.totalBytes / stats.states,
    maxRssKiB,
  };
}

/** SPIN without and with partial order reduction on one case, in a directory removed afterwards. */
export function spinRows(bench: BenchCase & { promela: PromelaSource }, benchDir: string, depthLimit: number): Row[] {
  const dir = mkdtempSync(join(tmpdir(), 'allocheck-bench-'));
  try {
    const { file, defines } = bench.promela;
    copyFileSync(join(benchDir, file), join(dir, file));
    run('spin', [...Object.entries(defines).map(([k, v]) => `-D${k}=${v}`), '-a', file], dir);
    const variants = [
      { tool: 'spin-noreduce' as const, binary: 'pan-noreduce', flags: ['-DSAFETY', '-DNOREDUCE'] },
      { tool: 'spin-por' as const, binary: 'pan-por', flags: ['-DSAFETY'] },
    ];
    return variants.map((v) => {
      run('gcc', ['-O2', ...v.flags, '-o', v.binary, 'pan.c'], dir);
      const { text, maxRssKiB } = runPan(v.binary, depthLimit, dir);
      return rowFrom(bench, v.tool, text, depthLimit, maxRssKiB);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
