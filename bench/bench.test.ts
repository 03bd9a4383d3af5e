// The bench harness's pure parts: reading pan's report, refusing truncated searches, comparing
// state counts and parsing the command line. No timings are asserted.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args.js';
import { hotSpots, isStartupOrIdle } from './cpuprofile-top.js';
import { pairingLine, pairTables } from './matrix-pair.js';
import { panProblem, parsePanOutput } from './pan-output.js';
import { secondsAt } from './timeline-marks.js';
import { cpuRatioToSpin, markdownTable, medianRuns, ratioToSpin, stateCountMismatches, textTable, type Row } from './table.js';

const fixture = (name: string): string => readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name), 'utf8');
const MB = 1024 * 1024;

describe('parsePanOutput', () => {
  it('reads a complete search without POR (counter procs=4 max=7)', () => {
    const s = parsePanOutput(fixture('pan-noreduce-4-7.txt'), 10_000_000);
    expect(s).toEqual({
      states: 1_305_246,
      transitions: 6_470_665,
      depth: 520_621,
      seconds: 2.74,
      totalBytes: 637.619 * MB,
      stateBytes: 40.702 * MB,
      partialOrderReduction: false,
    });
  });

  it('reads a search with partial order reduction', () => {
    const s = parsePanOutput(fixture('pan-por-4-7.txt'), 10_000_000);
    expect(s.partialOrderReduction).toBe(true);
    expect(s.states).toBe(780_817);
    expect(s.transitions).toBe(2_843_848);
  });

  it('refuses a search cut off by the depth bound, naming the reason', () => {
    const text = fixture('pan-truncated.txt');
    expect(panProblem(text, 1000)).toMatch(/truncated: max search depth too small/);
    expect(() => parsePanOutput(text, 1000)).toThrow(/truncated/);
  });

  it('refuses a search whose depth reached the bound even without the error line', () => {
    const text = fixture('pan-truncated.txt').replace('error: max search depth too small\n', '');
    expect(panProblem(text, 1000)).toMatch(/depth reached 999 with a bound of 1000/);
  });

  it('accepts the same complete report only when the bound was not reached', () => {
    const text = fixture('pan-noreduce-4-7.txt');
    expect(panProblem(text, 10_000_000)).toBeUndefined();
    expect(panProblem(text, 520_622)).toMatch(/truncated/);
  });

  it('refuses a report with errors, an unfinished report and a partial search', () => {
    const text = fixture('pan-noreduce-4-7.txt');
    expect(panProblem(text.replace('errors: 0', 'errors: 1'), 10_000_000)).toMatch(/1 error/);
    expect(panProblem(text.slice(0, 200), 10_000_000)).toMatch(/did not finish/);
    expect(panProblem(text.replace('Full statespace search', 'Bit statespace search'), 10_000_000)).toMatch(/not a full/);
  });

  it('names a missing number', () => {
    const text = fixture('pan-noreduce-4-7.txt').replace(/^.*total actual memory usage.*$/m, '');
    expect(() => parsePanOutput(text, 10_000_000)).toThrow(/total actual memory usage/);
  });
});

const row = (tool: Row['tool'], states: number, seconds: number, caseName = 'c'): Row => ({
  caseName,
  tool,
  states,
  transitions: states * 5,
  seconds,
  bytesPerState: 16,
  maxRssKiB: 2048,
});

describe('table', () => {
  const rows = [row('spin-noreduce', 1000, 1), row('spin-por', 600, 0.5), row('allocheck', 1000, 2)];

  it('gives allocheck its speed relative to SPIN without POR, and nothing to the other rows', () => {
    expect(ratioToSpin(rows[2]!, rows)).toBeCloseTo(0.5);
    expect(ratioToSpin(rows[0]!, rows)).toBeUndefined();
    expect(ratioToSpin(row('allocheck', 1000, 2, 'other'), rows)).toBeUndefined();
  });

  it('reports a state-count mismatch against SPIN without POR only', () => {
    expect(stateCountMismatches(rows)).toEqual([]);
    const bad = [row('spin-noreduce', 1000, 1), row('allocheck', 999, 1)];
    expect(stateCountMismatches(bad)).toEqual([expect.stringMatching(/allocheck found 999 states, SPIN without POR stored 1000/)]);
  });

  it('prints one line per row plus the header, in both forms', () => {
    const md = markdownTable(rows).split('\n');
    expect(md).toHaveLength(2 + rows.length);
    expect(md[4]).toBe('| c | allocheck (1 thread) | 1 | 1,000 | 5,000 | 2.00 | 500 | 0.50 | n/a |  | 16.0 | 2 |');
    expect(textTable(rows).split('\n')).toHaveLength(1 + rows.length);
  });
});

describe('parseBenchArgs', () => {
  it('runs both standard sizes by default', () => {
    expect(parseBenchArgs([]).cases.map((c) => c.name)).toEqual([
      'counter procs=4 max=7',
      'counter procs=5 max=5',
      'dm-raid1 memalloc-inheritance pages=12 queue=3 background=yes dirtiers=5 pool=4 legs=3',
    ]);
  });

  it('takes one size, a quick run and the Markdown switch', () => {
    const o = parseBenchArgs(['--procs', '3', '--max', '2', '--markdown']);
    expect(o.cases).toHaveLength(1);
    expect(o.cases[0]?.params).toEqual({ procs: 3, max: 2 });
    expect(o.cases[0]?.promela?.defines).toEqual({ PROCS: 3, MAX: 2 });
    expect(o.markdown).toBe(true);
    expect(o.repeat).toBe(1);
    expect(parseBenchArgs(['--repeat', '3']).repeat).toBe(3);
    expect(parseBenchArgs(['--quick']).cases[0]?.name).toBe('counter procs=3 max=5');
  });

  it('rejects bad input with a message naming it', () => {
    expect(() => parseBenchArgs(['--procs', 'x'])).toThrow(/--procs needs a whole number in 1..8, got 'x'/);
    expect(() => parseBenchArgs(['--max'])).toThrow(/--max needs a whole number/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown argument '--fast'; known:/);
    expect(() => parseBenchArgs(['--quick', '--procs', '2'])).toThrow(/either --quick or --procs/);
  });
});

describe('hotSpots', () => {
  it('sums self time per function over its call sites, largest first, as shares of the total', () => {
    const frame = (functionName: string) => ({ functionName, url: '' });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('store') },
        { id: 2, callFrame: frame('fingerprint') },
        { id: 3, callFrame: frame('store') },
      ],
      samples: [1, 2, 3, 1],
      timeDeltas: [10, 30, 20, 40],
    };
    expect(hotSpots(profile)).toEqual([
      { where: 'store', micros: 70, share: 0.7 },
      { where: 'fingerprint', micros: 30, share: 0.3 },
    ]);
  });
});

describe('medianRuns and paired ratios', () => {
  const runs = [
    { ...row('spin-noreduce', 10, 1), round: 1 }, { ...row('allocheck', 10, 2), round: 1 },
    { ...row('spin-noreduce', 10, 3), round: 2 }, { ...row('allocheck', 10, 1), round: 2 },
    { ...row('spin-noreduce', 10, 10), round: 3 }, { ...row('allocheck', 10, 9), round: 3 },
  ];

  it('keeps one row per case and tool with the median seconds, in first-seen order', () => {
    expect(medianRuns(runs).map((r) => [r.tool, r.seconds, r.runs])).toEqual([['spin-noreduce', 3, 3], ['allocheck', 2, 3]]);
  });

  it('gives the median of the ratios within each round, not the ratio of the medians', () => {
    // rounds: 1/2 = 0.5, 3/1 = 3, 10/9 = 1.11; the ratio of the medians would be 3/2 = 1.5
    expect(ratioToSpin(runs[1]!, runs)).toBeCloseTo(10 / 9);
    expect(ratioToSpin(runs[1]!, runs.slice(0, 4))).toBeCloseTo(1.75);
    const timed = runs.map((r, i) => ({ ...r, cpuSeconds: [1, 2, 1, 4, 1, 8][i]! }));
    expect(cpuRatioToSpin(timed[1]!, timed)).toBeCloseTo(0.25); // CPU rounds: 0.5, 0.25, 0.125
  });
});

describe('isStartupOrIdle', () => {
  it('sets apart idle time and Node or tsx loading, keeping the engine, the model and the collector', () => {
    expect(isStartupOrIdle('(idle)')).toBe(true);
    expect(isStartupOrIdle('waitForWorker (node:internal/modules/esm/hooks)')).toBe(true);
    expect(isStartupOrIdle('(anonymous) (node_modules/tsx/dist/register.mjs)')).toBe(true);
    expect(isStartupOrIdle('store (src/core/bfs.ts)')).toBe(false);
    expect(isStartupOrIdle('(garbage collector)')).toBe(false);
  });
});

describe('pairTables', () => {
  const cell = (pages: number, verdict: string, states: number, extra: Record<string, number> = {}) => ({
    model: 'dm-raid1', policy: 'none', params: { pages, min: 2, ...extra }, swept: { pages }, verdict, property: verdict === 'holds' ? undefined : 'no-deadlock', states, depth: 3,
  });
  const table = (...cells: object[]): string => JSON.stringify({ swept: ['pages'], cells }, null, 2);
  const old = table(cell(5, 'deadlock', 71), cell(6, 'holds', 84));

  it('says byte-identical tables are so', () => {
    const p = pairTables(old, old);
    expect(p).toMatchObject({ cells: 2, byteEqual: true, mismatches: [], statesDiffer: [] });
    expect(pairingLine(p)).toBe('2 cells, the tables byte-identical (155 states)');
  });

  it('pairs tables whose state counts and fixed parameters differ, reporting both', () => {
    const p = pairTables(table(cell(5, 'deadlock', 42, { inflight: 1 }), cell(6, 'holds', 84, { inflight: 1 })), old);
    expect(p).toMatchObject({ byteEqual: false, mismatches: [], statesDiffer: [0], states: { ours: 126, theirs: 155 }, onlyOurs: ['inflight=1'] });
    expect(pairingLine(p)).toBe('2 cells, verdicts equal cell by cell; states 126 here, 155 there (in 1 of the cells); parameters only here: inflight=1');
  });

  it('fails on a verdict, a shared parameter or a cell count that differs, and on a parameter one side sweeps alone', () => {
    expect(pairTables(table(cell(5, 'holds', 71), cell(6, 'holds', 84)), old).mismatches).toEqual(['dm-raid1 none pages=5: holds here, deadlock (no-deadlock) there']);
    expect(pairTables(table(cell(5, 'deadlock', 71), { ...cell(6, 'holds', 84), params: { pages: 6, min: 3 } }), old).mismatches).toEqual(['dm-raid1 none pages=6: min is 3 here, 2 there']);
    expect(pairTables(table(cell(5, 'deadlock', 71)), old).mismatches).toEqual(['1 cells here, 2 there']);
    expect(pairTables(table(cell(5, 'deadlock', 71, { legs: 1 }), cell(6, 'holds', 84, { legs: 2 })), old).mismatches).toEqual(['parameter legs, this build only, takes 1, 2: the sweeps are not the same']);
  });
});

describe('secondsAt', () => {
  const points = [[0.1, 100], [0.3, 300], [0.5, 300], [1.1, 900]] as const;

  it('interpolates within the report that passes the count', () => {
    expect(secondsAt(points, 50)).toBeCloseTo(0.05);
    expect(secondsAt(points, 200)).toBeCloseTo(0.2);
    expect(secondsAt(points, 600)).toBeCloseTo(0.8);
  });

  it('takes the first report that reaches the count, and the last when none does', () => {
    expect(secondsAt(points, 300)).toBeCloseTo(0.3);
    expect(secondsAt(points, 5000)).toBeCloseTo(1.1);
  });
});
