// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time.
// Usage: node --import tsx bench/cpuprofile-top.ts <file.cpuprofile> [count=10]
// Functions are named with their file only: under tsx, V8's positions are in the generated code
// (one line a module), not in the TypeScript source. `--cpu-prof` under tsx writes two files,
// one for the main thread and one for tsx's loader thread: the main thread's is the larger.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, count = '10'] = process.argv.slice(2);
  if (!file || !/^\d+$/.test(count)) throw new Error('usage: cpuprofile-top.ts <file.cpuprofile> [count]');
  const top = hotSpots(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile).slice(0, Number(count));
  for (const h of top) process.stdout.write(`${(h.share * 100).toFixed(1).padStart(5)}%  ${(h.micros / 1000).toFixed(0).padStart(7)} ms  ${h.where}\n`);
}
