// Scaling out, measured: a sweep of at least 500 cells run whole and as 4 shards two at a time
// (separate processes, merged), which must give the same table; and `simulate` against the
// exhaustive check on a dm-raid1 size where the exhaustive search takes more than a minute.
// Run: node --import tsx bench/scale-out.ts [--skip-sweep] [--skip-simulate]
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/allocheck.js', import.meta.url));
const args = new Set(process.argv.slice(2));

function run(argv: readonly string[]): Promise<{ code: number; out: string; seconds: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...argv], { maxBuffer: 1 << 28 }, (error, stdout) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout, seconds: (performance.now() - start) / 1000 });
    });
  });
}

const SWEEP = ['matrix', 'dm-raid1', '--policies', 'mempool-only,memalloc-inheritance,mempool-only+memalloc-inheritance', '--sweep', 'pages=5..10', '--sweep', 'min=1..3', '--sweep', 'dirtiers=1..3', '--sweep', 'legs=1..2', '--sweep', 'queue=1..2', '--property', 'no-deadlock,reserve-integrity,pages-conserved', '--stable', '--json', '--quiet'];

async function sweep(): Promise<void> {
  const whole = await run([...SWEEP, '--jobs', '2']);
  const cells = (JSON.parse(whole.out) as { cells: unknown[] }).cells.length;
  const dir = mkdtempSync(join(tmpdir(), 'allocheck-bench-shards-'));
  const start = performance.now();
  for (const pair of [[1, 2], [3, 4]]) await Promise.all(pair.map((i) => run([...SWEEP, '--jobs', '1', '--no-traces', '--shard', `${i}/4`, '--out', join(dir, String(i))])));
  const sharded = (performance.now() - start) / 1000;
  const merged = await run(['merge', ...[1, 2, 3, 4].map((i) => join(dir, String(i))), '--stable', '--json']);
  const same = merged.out === whole.out;
  console.log(`| sweep | cells | whole, --jobs 2 (s) | 4 shards, 2 at a time, --jobs 1 each (s) | merge (s) | same table |`);
  console.log(`| --- | ---: | ---: | ---: | ---: | --- |`);
  console.log(`| dm-raid1 x 3 policies x pages 5..10, min 1..3, dirtiers 1..3, legs 1..2, queue 1..2 | ${cells} | ${whole.seconds.toFixed(1)} | ${sharded.toFixed(1)} | ${merged.seconds.toFixed(2)} | ${same ? 'yes' : 'NO'} |`);
  if (!same) process.exitCode = 1;
}

const BIG = ['dm-raid1', '--policy', 'mempool-only', '--param', 'pages=16', '--param', 'dirtiers=6', '--param', 'queue=3', '--param', 'legs=3', '--param', 'pool=4', '--param', 'background=yes', '--no-symmetry'];

async function simulate(): Promise<void> {
  const sim = await run(['simulate', ...BIG.filter((a) => a !== '--no-symmetry'), '--walks', '100000', '--seed', '1', '--json', '--quiet']);
  const s = JSON.parse(sim.out) as { verdict: string; stats: { walks: number; steps: number; distinctStates: number }; properties: { name: string; status: string; failure?: string; counterexample?: { length: number } }[] };
  const found = s.properties.find((p) => p.status === 'violated');
  const full = await run(['check', ...BIG, '--workers', '1', '--json', '--quiet', '--time-limit', '900']);
  const f = JSON.parse(full.out) as { verdict: string; incomplete?: string; stats: { states: number } };
  console.log(`\n| dm-raid1 setting | exhaustive check (all properties, 1 thread) | simulate --seed 1 |`);
  console.log(`| --- | --- | --- |`);
  console.log(`| ${BIG.slice(1).join(' ')} | ${f.verdict}${f.incomplete ? ` (${f.incomplete})` : ''}, ${f.stats.states.toLocaleString('en-US')} states, ${full.seconds.toFixed(1)} s | ${s.verdict}: ${found ? `${found.name} (${found.failure}) in ${found.counterexample?.length} steps` : '-'}, ${s.stats.walks} walks, ${s.stats.steps} steps, ${s.stats.distinctStates} distinct states, ${sim.seconds.toFixed(1)} s |`);
}

if (!args.has('--skip-sweep')) await sweep();
if (!args.has('--skip-simulate')) await simulate();
