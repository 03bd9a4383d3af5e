/**
 * What `npm run bench` measures: a list of cases, each an allocheck model with parameters and,
 * when one exists, the Promela model that must have the same state space.
 */
import { raid1Bench, twinSource, type TwinSetting } from './twins.js';

export interface PromelaSource {
  /** File name under bench/. */
  readonly file: string;
  /** Passed to spin as -DNAME=value. */
  readonly defines: Readonly<Record<string, number>>;
  /** Files under bench/ that `file` includes. */
  readonly includes?: readonly string[];
  /** pan's -w: log2 of its hash table's slots, sized to the state count (pan's default is 24). */
  readonly hashBits?: number;
}

export interface BenchCase {
  readonly name: string;
  /** A model that bench/allocheck-run.ts knows. */
  readonly model: string;
  readonly params: Readonly<Record<string, number | string>>;
  /** For an allocation model: its policy; the check is then of `property` without symmetry. */
  readonly policy?: string;
  readonly property?: string;
  readonly promela?: PromelaSource;
}

/** The counter model at one size, with its SPIN twin. */
export function counterCase(procs: number, max: number, hashBits?: number): BenchCase {
  return {
    name: `counter procs=${procs} max=${max}`,
    model: 'counter',
    params: { procs, max },
    promela: { file: 'counter.pml', defines: { PROCS: procs, MAX: max }, ...(hashBits === undefined ? {} : { hashBits }) },
  };
}

/** An allocation model's setting with its Promela twin, checked for pages-conserved alone. */
export function twinCase(t: TwinSetting, hashBits?: number): BenchCase {
  const params = Object.entries(t.params).map(([k, v]) => `${k}=${v}`).join(' ');
  return {
    name: `${t.model} ${t.policy}${params ? ` ${params}` : ''}`,
    model: t.model,
    params: t.params,
    policy: t.policy,
    property: 'pages-conserved',
    promela: { ...twinSource(t), ...(hashBits === undefined ? {} : { hashBits }) },
  };
}

/** The sizes the floors are stated at (bench/RESULTS.md), hash tables sized as for the issue's table. */
export const standardCases: readonly BenchCase[] = [counterCase(4, 7, 21), counterCase(5, 5, 23), twinCase(raid1Bench, 22)];

/** A smoke run of a few seconds: same machinery, small spaces. */
export const quickCases: readonly BenchCase[] = [
  counterCase(3, 5),
  twinCase({ model: 'dm-raid1', policy: 'memalloc-inheritance', params: { pages: 10, queue: 2, background: 'yes', dirtiers: 3, legs: 2 } }),
];
