// Cross-check against SPIN: the counter model's leads-to verdicts, with and without weak
// fairness, must match pan's acceptance-cycle search (`pan -a` and `pan -a -f`) on
// bench/counter-progress.pml. Runs when spin and gcc are installed; skipped, saying so, when not.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import { counterWithProgress } from '../../models/counter.js';

const pml = fileURLToPath(new URL('../../bench/counter-progress.pml', import.meta.url));
const missing = ['spin', 'gcc'].filter((tool) => spawnSync(tool, ['-V']).error !== undefined);
if (missing.length > 0) console.warn(`SPIN cross-check skipped: ${missing.join(' and ')} not installed`);

const work = missing.length > 0 ? '' : mkdtempSync(join(tmpdir(), 'allocheck-spin-'));
afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

/** Builds pan for one size and returns a function running one claim with or without -f. */
function pan(procs: number, max: number): (claim: string, fair: boolean) => 'holds' | 'violated' {
  const dir = mkdtempSync(join(work, `n${procs}-m${max}-`));
  execFileSync('spin', [`-DN=${procs}`, `-DMAX=${max}`, '-a', pml], { cwd: dir, stdio: 'pipe' });
  execFileSync('gcc', ['-O1', '-w', '-o', 'pan', 'pan.c'], { cwd: dir, stdio: 'pipe' });
  return (claim, fair) => {
    const out = execFileSync(join(dir, 'pan'), ['-a', ...(fair ? ['-f'] : []), '-N', claim], { cwd: dir, encoding: 'utf8' });
    const errors = /errors: (\d+)/.exec(out);
    if (errors === null) throw new Error(`pan gave no verdict:\n${out}`);
    return errors[1] === '0' ? 'holds' : 'violated';
  };
}

const sizes: [number, number][] = [[1, 1], [2, 1], [2, 2], [3, 1], [3, 2]];
const claims = { 'p0-writes': 'p0_writes', 'back-to-zero': 'back_to_zero' } as const;

describe.skipIf(missing.length > 0)('the counter model against SPIN', () => {
  it.each(sizes)('procs=%i max=%i: the same verdicts with and without weak fairness', (procs, max) => {
    const spin = pan(procs, max);
    const seen: string[] = [];
    for (const fair of [true, false]) {
      const fairness = Object.fromEntries(Array.from({ length: procs }, (_, i) => [`p${i}`, fair ? 'weak' : 'none'] as const));
      const ours = check(counterWithProgress(procs, max), { properties: Object.keys(claims), fairness });
      for (const [name, claim] of Object.entries(claims)) {
        const status = ours.properties.find((p) => p.name === name)!.status;
        expect(`${name} fair=${fair}: ${status}`).toBe(`${name} fair=${fair}: ${spin(claim, fair)}`);
        seen.push(status);
      }
    }
    if (procs > 1) expect(new Set(seen).size).toBe(2); // fairness or the property flips a verdict here
  });
});
