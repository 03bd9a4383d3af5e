/**
 * What `npm run bench` measures: a list of cases, each an allocheck model with parameters and,
 * when one exists, the Promela model that must have the same state space. A case without
 * `promela` gets an allocheck row only (the allocation models will be such rows).
 */

export interface PromelaSource {
  /** File name under bench/. */
  readonly file: string;
  /** Passed to spin as -DNAME=value. */
  readonly defines: Readonly<Record<string, number>>;
}

export interface BenchCase {
  readonly name: string;
  /** A model that bench/allocheck-run.ts knows. */
  readonly model: string;
  readonly params: Readonly<Record<string, number>>;
  readonly promela?: PromelaSource;
}

/** The counter model at one size, with its SPIN twin. */
export function counterCase(procs: number, max: number): BenchCase {
  return {
    name: `counter procs=${procs} max=${max}`,
    model: 'counter',
    params: { procs, max },
    promela: { file: 'counter.pml', defines: { PROCS: procs, MAX: max } },
  };
}

/** The sizes the floors are stated at (bench/RESULTS.md). */
export const standardCases: readonly BenchCase[] = [counterCase(4, 7), counterCase(5, 5)];

/** A smoke run of a few seconds: same machinery, small spaces. */
export const quickCases: readonly BenchCase[] = [counterCase(3, 5)];
