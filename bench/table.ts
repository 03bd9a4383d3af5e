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
  /**
   * CPU seconds: SPIN's whole pan process (GNU time, user + system), allocheck's process during
   * its check (model building included, Node start-up not). Undefined when not measured.
   */
  readonly cpuSeconds?: number;
  /** The round of paired runs it belongs to (0 when not paired). */
  readonly round?: number;
  /** In a summary row: how many runs its median is of. */
  readonly runs?: number;
}

export function statesPerSecond(row: Row): number {
  return row.seconds > 0 ? row.states / row.seconds : 0;
}

/** The median: the middle value, or the mean of the two middle ones. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const sameCell = (a: Row, b: Row): boolean => a.caseName === b.caseName && a.tool === b.tool;

/**
 * allocheck's states/s over SPIN's without POR in the same case: the median over rounds of the
 * ratio within each round (runs of the two tools made one after the other, so both saw the same
 * load); undefined on other rows.
 */
export function ratioToSpin(row: Row, runs: readonly Row[], time: (r: Row) => number | undefined = (r) => r.seconds): number | undefined {
  if (row.tool !== 'allocheck') return undefined;
  const ratios: number[] = [];
  for (const a of runs.filter((r) => sameCell(r, row))) {
    const spin = runs.find((r) => r.caseName === row.caseName && r.tool === 'spin-noreduce' && (r.round ?? 0) === (a.round ?? 0));
    const [ta, ts] = [time(a), spin && time(spin)];
    if (ta !== undefined && ts !== undefined && ta > 0 && ts > 0) ratios.push(ts / ta);
  }
  return ratios.length > 0 ? median(ratios) : undefined;
}

/** {@link ratioToSpin} by CPU seconds: what a loaded machine disturbs least. */
export function cpuRatioToSpin(row: Row, runs: readonly Row[]): number | undefined {
  return ratioToSpin(row, runs, (r) => r.cpuSeconds);
}

/** Of several runs of the same rows, one row per (case, tool) with the median seconds, in first-seen order. */
export function medianRuns(runs: readonly Row[]): Row[] {
  const out: Row[] = [];
  for (const r of runs) {
    if (out.some((o) => sameCell(o, r))) continue;
    const all = runs.filter((x) => sameCell(x, r));
    const cpu = all.flatMap((x) => (x.cpuSeconds === undefined ? [] : [x.cpuSeconds]));
    out.push({ ...r, seconds: median(all.map((x) => x.seconds)), runs: all.length, ...(cpu.length > 0 ? { cpuSeconds: median(cpu) } : {}) });
  }
  return out;
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

const header = ['case', 'tool', 'runs', 'states', 'transitions', 'seconds', 'states/s', 'ratio vs SPIN no-POR', 'CPU s', 'CPU ratio', 'bytes/state', 'peak RSS MiB'];

/** A count with thousands separators, as the tables print it. */
export const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');

function cells(row: Row, runs: readonly Row[]): string[] {
  const ratio = ratioToSpin(row, runs);
  const cpu = cpuRatioToSpin(row, runs);
  return [
    row.caseName,
    toolLabel[row.tool],
    String(row.runs ?? 1),
    grouped(row.states),
    grouped(row.transitions),
    row.seconds.toFixed(2),
    row.seconds > 0 ? grouped(statesPerSecond(row)) : 'n/a',
    ratio === undefined ? '' : ratio.toFixed(2),
    row.cpuSeconds === undefined ? 'n/a' : row.cpuSeconds.toFixed(2),
    cpu === undefined ? '' : cpu.toFixed(2),
    row.bytesPerState.toFixed(1),
    row.maxRssKiB === undefined ? 'n/a' : (row.maxRssKiB / 1024).toFixed(0),
  ];
}

/** All runs as a Markdown table: per case and tool the median seconds and the median paired ratio. */
export function markdownTable(runs: readonly Row[]): string {
  const lines = [header, header.map((_, i) => (i < 2 ? '---' : '---:')), ...medianRuns(runs).map((r) => cells(r, runs))];
  return lines.map((l) => `| ${l.join(' | ')} |`).join('\n');
}

/** All runs as an aligned plain-text table, summarised as {@link markdownTable} does. */
export function textTable(runs: readonly Row[]): string {
  const lines = [header, ...medianRuns(runs).map((r) => cells(r, runs))];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}
