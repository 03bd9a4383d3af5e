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
import type { Row, Tool } from './table.js';
import { gnuTime, hasGnuTime } from './tools.js';

function run(command: string, args: readonly string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${command} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

interface PanRun {
  readonly text: string;
  readonly maxRssKiB: number | undefined;
  /** User plus system CPU seconds of the whole pan process. */
  readonly cpuSeconds: number | undefined;
}

/** Runs `./pan -m<depth> [-w<bits>]`, under GNU time when it is there: pan's report, peak RSS and CPU time. */
function runPan(binary: string, depthLimit: number, dir: string, hashBits: number | undefined): PanRun {
  const panArgs = [`-m${depthLimit}`, ...(hashBits === undefined ? [] : [`-w${hashBits}`])];
  if (!hasGnuTime()) return { text: run(`./${binary}`, panArgs, dir), maxRssKiB: undefined, cpuSeconds: undefined };
  const timeFile = join(dir, `${binary}.time`);
  const text = run(gnuTime, ['-f', '%M %U %S', '-o', timeFile, `./${binary}`, ...panArgs], dir);
  const [kib = NaN, user = NaN, system = NaN] = (readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { text, maxRssKiB: kib > 0 ? kib : undefined, cpuSeconds: Number.isFinite(user + system) ? user + system : undefined };
}

function rowFrom(bench: BenchCase, tool: Tool, { text, maxRssKiB, cpuSeconds }: PanRun, depthLimit: number): Row {
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
    ...(cpuSeconds === undefined ? {} : { cpuSeconds }),
  };
}

const variants = {
  'spin-noreduce': ['-DSAFETY', '-DNOREDUCE'],
  'spin-por': ['-DSAFETY'],
} as const;

/** A twin's pan binaries, built once in a temporary directory; `close` removes it. */
export interface PanBuild {
  /** One measured run of a binary, as a row. */
  row(tool: keyof typeof variants): Row;
  close(): void;
}

/**
 * Generates and compiles pan for a case (gcc `optimise`, -O2 for timing), one binary per tool
 * asked for.
 */
export function buildPan(bench: BenchCase & { promela: PromelaSource }, benchDir: string, depthLimit: number, tools: readonly (keyof typeof variants)[], optimise = '-O2'): PanBuild {
  const dir = mkdtempSync(join(tmpdir(), 'allocheck-bench-'));
  try {
    const { file, defines, includes = [], hashBits } = bench.promela;
    for (const f of [file, ...includes]) copyFileSync(join(benchDir, f), join(dir, f));
    run('spin', [...Object.entries(defines).map(([k, v]) => `-D${k}=${v}`), '-a', file], dir);
    for (const tool of tools) run('gcc', [optimise, '-w', ...variants[tool], '-o', tool, 'pan.c'], dir);
    return {
      row: (tool) => rowFrom(bench, tool, runPan(tool, depthLimit, dir, hashBits), depthLimit),
      close: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
