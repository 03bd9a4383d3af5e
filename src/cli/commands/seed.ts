import { join } from 'node:path';
import { EXIT, type Io } from '../io.js';
import { parseOptions } from '../options.js';
import { checkCommand } from './check.js';

/** The seed mail's argument (Phillips, LKML 2004): the same raid1 scenario under both policies. */
const RUNS = [
  { policy: 'mempool-only', claim: 'mempool alone: the pool is drained by requests that are not PF_MEMALLOC' },
  { policy: 'memalloc-inheritance', claim: "PF_MEMALLOC inheritance: the daemon serves each request in its submitter's context" },
] as const;

export const SEED_HELP = `usage: allocheck seed [--out DIR] [--quiet]
  The seed mail's argument (what 'npm start' runs): dm-raid1 under mempool-only, where the
  search finds the deadlock, and under memalloc-inheritance; verdicts, states, and each run's
  files (result.json, trace-<property>.*, story-<property>.md) under DIR/<policy>/.
  --out DIR              where to write (default: out/seed)
  --quiet                no progress line
exit codes: 0 both checks ran to a verdict, 2 bad input`;

/**
 * `allocheck seed` (what `npm start` runs): checks dm-raid1 under mempool-only and under
 * memalloc-inheritance and writes each run's files under out/seed/<policy>/.
 */
export async function seedCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseOptions(argv, { out: { type: 'string' }, debug: { type: 'boolean' }, quiet: { type: 'boolean' } }, 'seed');
  const outDir = values.out ?? join('out', 'seed');
  io.out('The seed (Phillips, LKML, 3 Dec 2004): "A lot of people think that mempool solves this problem, but it does not."\n');
  const codes: number[] = [];
  for (const run of RUNS) {
    io.out(`\n=== dm-raid1 under ${run.policy}: ${run.claim}\n`);
    codes.push(await checkCommand(['dm-raid1', '--policy', run.policy, '--out', join(outDir, run.policy), ...(values.quiet ? ['--quiet'] : [])], io));
  }
  const [pool, inherit] = codes;
  io.out(`\nsummary: mempool-only ${verdictWord(pool!)}, memalloc-inheritance ${verdictWord(inherit!)} (files under ${outDir}/)\n`);
  // The job succeeds when both checks ran to a verdict; the verdicts themselves are the output.
  return codes.some((c) => c === EXIT.usage) ? EXIT.usage : EXIT.holds;
}

function verdictWord(code: number): string {
  return code === EXIT.holds ? 'holds' : code === EXIT.violated ? 'is violated' : 'is incomplete';
}
