// Start-up: the whole `allocheck` process, as a user starts it, against floors of 0.3 s for
// `allocheck list` and 0.6 s for `allocheck check dm-raid1` at its defaults. The median of
// five runs of each, wall clock, after one unmeasured run (so the file cache is warm); bare
// `node -e 0` alongside, the floor under any Node program on this machine. dist/ is rebuilt
// first when the sources changed. Run: node --import tsx bench/startup.ts [runs]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../scripts/build.mjs';
import { describeMachine, loadWarning, machineFacts } from './machine.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'bin', 'allocheck.js');

export interface StartupCase {
  readonly name: string;
  readonly args: readonly string[];
  /** Seconds the median must stay within; none for the reference. */
  readonly floor?: number;
}

export const STARTUP_CASES: readonly StartupCase[] = [
  { name: 'node -e 0 (reference)', args: ['-e', '0'] },
  { name: 'allocheck list', args: [bin, 'list'], floor: 0.3 },
  { name: 'allocheck check dm-raid1', args: [bin, 'check', 'dm-raid1', '--quiet'], floor: 0.6 },
];

// GNU time reports the child's CPU seconds (user + system), which other work on a loaded
// machine inflates far less than the wall clock.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall-clock and CPU seconds of one whole process (CPU NaN without GNU time). */
function once(args: readonly string[]): { wall: number; cpu: number } {
  const [cmd, argv] = gnuTime ? [gnuTime, ['-f', 'cpu %U %S', process.execPath, ...args]] : [process.execPath, [...args]];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited with ${r.status}: ${r.stderr.trim()}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Measures each case; returns the table's lines and the floors missed. */
export async function startupBench(runs = 5): Promise<{ lines: string[]; failures: string[] }> {
  await build();
  const lines = ['| command | median s | runs (s) | median CPU s | floor s |', '| --- | ---: | --- | ---: | ---: |'];
  const failures: string[] = [];
  for (const c of STARTUP_CASES) {
    once(c.args);
    const times = Array.from({ length: runs }, () => once(c.args));
    const m = median(times.map((t) => t.wall));
    const cpu = median(times.map((t) => t.cpu));
    lines.push(`| \`${c.name}\` | ${m.toFixed(3)} | ${times.map((t) => t.wall.toFixed(2)).join(', ')} | ${Number.isNaN(cpu) ? '-' : cpu.toFixed(2)} | ${c.floor ?? ''} |`);
    if (c.floor !== undefined && m > c.floor) failures.push(`${c.name}: median ${m.toFixed(3)} s over the floor of ${c.floor} s`);
  }
  return { lines, failures };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const before = machineFacts();
  const { lines, failures } = await startupBench(Number(process.argv[2] ?? 5));
  process.stdout.write(`Machine: ${describeMachine(before)}\n\n${lines.join('\n')}\n`);
  const busy = loadWarning(before, machineFacts());
  if (busy) process.stderr.write(`bench WARNING: ${busy}\n`);
  for (const f of failures) process.stderr.write(`bench FAILED: ${f}\n`);
  process.exitCode = failures.length ? 1 : 0;
}
