// Cost of the liveness check against the safety check on the same model (the counter).
// Run: node --import tsx bench/liveness.ts [procs] [max] [rounds]
// Runs the configurations round-robin (so a busy machine slows them alike) and reports the
// median CPU time (user + system) and wall time of check() for each, and its ratio to safety.
import { check } from '../src/core/check.js';
import { counterWithProgress } from '../models/counter.js';

const procs = Number(process.argv[2] ?? 4);
const max = Number(process.argv[3] ?? 5);
const rounds = Number(process.argv[4] ?? 7);
const model = counterWithProgress(procs, max);

const configs: [string, string[]][] = [
  ['safety: no-deadlock, bounded', ['no-deadlock', 'bounded']],
  ['liveness: p0-writes (holds)', ['p0-writes']],
  ['liveness: back-to-zero (violated)', ['back-to-zero']],
  ['both liveness properties', ['p0-writes', 'back-to-zero']],
  ['all four properties', ['no-deadlock', 'bounded', 'p0-writes', 'back-to-zero']],
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpu: number[][] = configs.map(() => []);
const wall: number[][] = configs.map(() => []);
const verdicts: string[] = [];
let states = 0;

for (let round = -1; round < rounds; round++) {
  configs.forEach(([, properties], i) => {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    const result = check(model, { properties, tableCapacity: 1 << 20 });
    const w = performance.now() - w0;
    const c = process.cpuUsage(c0);
    if (round < 0) { // warm-up round, not timed
      verdicts[i] = result.properties.map((p) => `${p.name}=${p.status}`).join(' ');
      states = result.stats.states;
      return;
    }
    cpu[i]!.push((c.user + c.system) / 1000);
    wall[i]!.push(w);
  });
}

console.log(`counter procs=${procs} max=${max}: ${states} states; median of ${rounds} rounds; Node ${process.version}`);
console.log(`${'configuration'.padEnd(36)} ${'cpu ms'.padStart(7)} ${'ratio'.padStart(6)} ${'wall ms'.padStart(8)} ${'ratio'.padStart(6)}  verdicts`);
const [cpu0, wall0] = [median(cpu[0]!), median(wall[0]!)];
configs.forEach(([label], i) => {
  const [c, w] = [median(cpu[i]!), median(wall[i]!)];
  console.log(`${label.padEnd(36)} ${c.toFixed(0).padStart(7)} ${(c / cpu0).toFixed(2).padStart(5)}x ${w.toFixed(0).padStart(8)} ${(w / wall0).toFixed(2).padStart(5)}x  ${verdicts[i]}`);
});
