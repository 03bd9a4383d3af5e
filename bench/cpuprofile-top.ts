// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time.
// Usage: node --import tsx bench/cpuprofile-top.ts <dir-or-file.cpuprofile> [count=10]
// Functions are named with their file only: under tsx, V8's positions are in the generated code
// (one line a module), not in the TypeScript source. `--cpu-prof` under tsx writes two files,
// one for the main thread and one for tsx's loader thread: given a directory, the busiest
// profile in it (the least idle time) is summarised.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface HotSpot {
  readonly where: string;
  readonly micros: number;
  readonly share: number;
}

function place(frame: CallFrame): string {
  const file = frame.url.startsWith('file:') ? relative(process.cwd(), fileURLToPath(frame.url)) : frame.url;
  const name = frame.functionName || '(anonymous)';
  return file ? `${name} (${file})` : name;
}

/** Self time per function (summed over the call sites of the same function), largest first. */
export function hotSpots(profile: CpuProfile): HotSpot[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, place(n.callFrame)]));
  const micros = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const where = byId.get(id) ?? '(unknown)';
    micros.set(where, (micros.get(where) ?? 0) + dt);
    total += dt;
  });
  return [...micros].map(([where, t]) => ({ where, micros: t, share: total > 0 ? t / total : 0 })).sort((a, b) => b.micros - a.micros);
}

/** Idle time, and the loader and startup of Node and tsx: not the search. */
export function isStartupOrIdle(where: string): boolean {
  return where === '(idle)' || where === '(program)' || / \((node:|node_modules\/)/.test(where);
}

/** Share of a profile's time spent outside '(idle)'. */
function busy(spots: readonly HotSpot[]): number {
  return spots.filter((h) => h.where !== '(idle)').reduce((sum, h) => sum + h.micros, 0);
}

function busiest(path: string): HotSpot[] {
  const files = statSync(path).isDirectory() ? readdirSync(path).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(path, f)) : [path];
  const all = files.map((f) => hotSpots(JSON.parse(readFileSync(f, 'utf8')) as CpuProfile));
  const best = all.sort((a, b) => busy(b) - busy(a))[0];
  if (!best) throw new Error(`no .cpuprofile in ${path}`);
  return best;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [path, count = '10'] = process.argv.slice(2);
  if (!path || !/^\d+$/.test(count)) throw new Error('usage: cpuprofile-top.ts <dir-or-file.cpuprofile> [count]');
  const spots = busiest(path);
  const search = spots.filter((h) => !isStartupOrIdle(h.where));
  const searchMicros = search.reduce((sum, h) => sum + h.micros, 0);
  const pct = (x: number): string => `${(x * 100).toFixed(1).padStart(5)}%`;
  process.stdout.write(`search (without idle and Node/tsx startup): ${(searchMicros / 1000).toFixed(0)} ms of ${(spots.reduce((sum, h) => sum + h.micros, 0) / 1000).toFixed(0)} ms\n`);
  process.stdout.write('% search  % all       ms  function (file)\n');
  for (const h of search.slice(0, Number(count))) {
    process.stdout.write(`  ${pct(h.micros / searchMicros)}  ${pct(h.share)}  ${(h.micros / 1000).toFixed(0).padStart(7)}  ${h.where}\n`);
  }
}
