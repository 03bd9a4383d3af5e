/**
 * Bench rows and the table they print as: plain text for a terminal, Markdown for
 * bench/RESULTS.md. Pure: no clocks, no processes.
 */

export type Tool = 'spin-noreduce' | 'spin-por' | 'allocheck';

export const toolLabel: Readonly<Record<Tool, string>> = {
  'spin-noreduce': 'SPIN -DSAFETY -DNOREDUCE',
  'spin-por': 'SPIN -DSAFETY (POR)',
  allocheck: 'allocheck (1 thread)',
};

export interface Row {
  readonly caseName: string;
  readonly tool: Tool;
  readonly states: number;
  readonly transitions: number;
  /** Search time as the tool itself reports it (no compile, no process start). */
  readonly seconds: number;
  readonly bytesPerState: number;
  /** Peak resident set of the tool's own process, in KiB; undefined when it could not be read. */
  readonly maxRssKiB: number | undefined;
}

export function statesPerSecond(row: Row): number {
  return row.seconds > 0 ? row.states / row.seconds : 0;
}

/** allocheck's states/s over SPIN's without POR in the same case; undefined on other rows. */
export function ratioToSpin(row: Row, rows: readonly Row[]): number | undefined {
  if (row.tool !== 'allocheck') return undefined;
  const spin = rows.find((r) => r.caseName === row.caseName && r.tool === 'spin-noreduce');
  if (!spin || statesPerSecond(spin) === 0) return undefined;
  return statesPerSecond(row) / statesPerSecond(spin);
}

/** Of several runs of the same rows, the fastest run of each (case, tool), in first-seen order. */
export function fastestRuns(rows: readonly Row[]): Row[] {
  const best = new Map<string, Row>();
  for (const r of rows) {
    const key = `${r.caseName}\u0000${r.tool}`;
    const seen = best.get(key);
    if (!seen || r.seconds < seen.seconds) best.set(key, r);
  }
  return [...best.values()];
}

/** One message per case where allocheck and SPIN without POR stored different numbers of states. */
export function stateCountMismatches(rows: readonly Row[]): string[] {
  const out: string[] = [];
  for (const a of rows.filter((r) => r.tool === 'allocheck')) {
    const spin = rows.find((r) => r.caseName === a.caseName && r.tool === 'spin-noreduce');
    if (spin && spin.states !== a.states) {
      out.push(`${a.caseName}: allocheck found ${a.states} states, SPIN without POR stored ${spin.states}: the models are not the same state space`);
    }
  }
  return out;
}

const header = ['case', 'tool', 'states', 'transitions', 'seconds', 'states/s', 'ratio vs SPIN no-POR', 'bytes/state', 'peak RSS MiB'];

const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');

function cells(row: Row, rows: readonly Row[]): string[] {
  const ratio = ratioToSpin(row, rows);
  return [
    row.caseName,
    toolLabel[row.tool],
    grouped(row.states),
    grouped(row.transitions),
    row.seconds.toFixed(2),
    row.seconds > 0 ? grouped(statesPerSecond(row)) : 'n/a',
    ratio === undefined ? '' : ratio.toFixed(2),
    row.bytesPerState.toFixed(1),
    row.maxRssKiB === undefined ? 'n/a' : (row.maxRssKiB / 1024).toFixed(0),
  ];
}

/** The rows as a Markdown table. */
export function markdownTable(rows: readonly Row[]): string {
  const lines = [header, header.map((_, i) => (i < 2 ? '---' : '---:')), ...rows.map((r) => cells(r, rows))];
  return lines.map((l) => `| ${l.join(' | ')} |`).join('\n');
}

/** The rows as an aligned plain-text table. */
export function textTable(rows: readonly Row[]): string {
  const lines = [header, ...rows.map((r) => cells(r, rows))];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}
