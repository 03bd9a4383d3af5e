/** allocheck's row: one case measured in a child process (bench/allocheck-run.ts). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchCase } from './cases.js';
import type { Row } from './table.js';

/** The JSON line bench/allocheck-run.ts prints. */
export interface AllocheckRun {
  readonly verdict: string;
  readonly states: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly bytesPerState: number;
  readonly maxRssKiB: number;
}

function isRun(x: unknown): x is AllocheckRun {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.verdict === 'string' && ['states', 'transitions', 'seconds', 'bytesPerState', 'maxRssKiB'].every((k) => typeof r[k] === 'number');
}

/** Runs allocheck on `bench` in its own Node process, started from the repository root. */
export function allocheckRow(bench: BenchCase, repoRoot: string): Row {
  const assignments = Object.entries(bench.params).map(([k, v]) => `${k}=${v}`);
  // The visited table is sized as SPIN's hash table is (pan -wN: 2^N slots), so that neither tool
  // grows its table during the run.
  const bits = bench.promela?.hashBits;
  const table = bits === undefined ? [] : ['--table-slots', String(2 ** bits)];
  const options = [...(bench.policy ? ['--policy', bench.policy] : []), ...(bench.property ? ['--property', bench.property] : []), ...table];
  const r = spawnSync(process.execPath, ['--import', 'tsx', join('bench', 'allocheck-run.ts'), bench.model, ...assignments, ...options], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error) throw new Error(`allocheck child could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${bench.name}, allocheck: child exited ${r.status}: ${r.stderr.trim()}`);
  const parsed: unknown = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  if (!isRun(parsed)) throw new Error(`${bench.name}, allocheck: unexpected output: ${r.stdout.trim()}`);
  if (parsed.verdict === 'incomplete') throw new Error(`${bench.name}, allocheck: the search did not finish`);
  return {
    caseName: bench.name,
    tool: 'allocheck',
    states: parsed.states,
    transitions: parsed.transitions,
    seconds: parsed.seconds,
    bytesPerState: parsed.bytesPerState,
    maxRssKiB: parsed.maxRssKiB,
    cpuSeconds: parsed.cpuSeconds,
  };
}
