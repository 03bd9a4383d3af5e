/**
 * Pairs two `allocheck matrix --stable --json` tables of the same sweep, cell by cell, for a
 * bench against an older build whose models have since changed (a state count may differ: a
 * model gained a canonical form, or a parameter with a default that keeps the old behaviour).
 * Cells pair by position, and each pair must agree on model, policy, swept point, the values of
 * the parameters both builds declare, property and verdict; a parameter one build alone declares
 * must hold one value in all its cells (a fixed default, not a swept dimension). State counts
 * may differ: both totals and the cells that differ are reported. Pure: no processes, no files.
 */
import { grouped } from './table.js';

interface TableCell {
  readonly model: string;
  readonly policy: string | null;
  readonly params: Readonly<Record<string, string | number>>;
  readonly swept: Readonly<Record<string, string | number>>;
  readonly verdict: string;
  readonly property?: string;
  readonly states?: number;
}

/** What two tables have in common, and where they part. */
export interface TablePairing {
  readonly cells: number;
  readonly byteEqual: boolean;
  readonly states: { readonly ours: number; readonly theirs: number };
  /** Cells (by index) whose state counts differ. */
  readonly statesDiffer: readonly number[];
  /** Parameters one build alone declares, with their one value ("inflight=1"). */
  readonly onlyOurs: readonly string[];
  readonly onlyTheirs: readonly string[];
  /** Why the tables cannot be paired (a verdict differs, a cell is missing ...); empty when they pair. */
  readonly mismatches: readonly string[];
}

const cellsOf = (table: string): readonly TableCell[] => (JSON.parse(table) as { cells: TableCell[] }).cells;

const name = (c: TableCell): string => `${c.model} ${c.policy ?? '-'} ${Object.entries(c.swept).map(([k, v]) => `${k}=${v}`).join(' ')}`;

/** The parameters of `side` that `other` lacks, each with its one value; a second value is a mismatch. */
function ownParams(side: readonly TableCell[], other: readonly TableCell[], label: string, mismatches: string[]): string[] {
  const shared = new Set(Object.keys(other[0]?.params ?? {}));
  const own = Object.keys(side[0]?.params ?? {}).filter((k) => !shared.has(k));
  return own.map((k) => {
    const values = [...new Set(side.map((c) => String(c.params[k])))];
    if (values.length > 1) mismatches.push(`parameter ${k}, ${label} only, takes ${values.join(', ')}: the sweeps are not the same`);
    return `${k}=${values.join('|')}`;
  });
}

/** The first field of two paired cells that differs, or undefined. */
function cellMismatch(a: TableCell, b: TableCell): string | undefined {
  if (a.model !== b.model || a.policy !== b.policy || JSON.stringify(a.swept) !== JSON.stringify(b.swept)) return `${name(a)} is paired with ${name(b)}`;
  const param = Object.keys(a.params).find((k) => k in b.params && a.params[k] !== b.params[k]);
  if (param !== undefined) return `${name(a)}: ${param} is ${a.params[param]} here, ${b.params[param]} there`;
  const said = (c: TableCell): string => (c.property ? `${c.verdict} (${c.property})` : c.verdict);
  if (a.verdict !== b.verdict || a.property !== b.property) return `${name(a)}: ${said(a)} here, ${said(b)} there`;
  return undefined;
}

/**
 * Pairs this build's table with another's.
 *
 * @example pairTables(ours, theirs).mismatches // [] when every cell has the same verdict
 */
export function pairTables(ours: string, theirs: string): TablePairing {
  const a = cellsOf(ours);
  const b = cellsOf(theirs);
  const mismatches: string[] = [];
  if (a.length !== b.length) mismatches.push(`${a.length} cells here, ${b.length} there`);
  const onlyOurs = ownParams(a, b, 'this build', mismatches);
  const onlyTheirs = ownParams(b, a, 'the other build', mismatches);
  const statesDiffer: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const m = cellMismatch(a[i]!, b[i]!);
    if (m !== undefined) mismatches.push(m);
    if (a[i]!.states !== b[i]!.states) statesDiffer.push(i);
  }
  const total = (cells: readonly TableCell[]): number => cells.reduce((n, c) => n + (c.states ?? 0), 0);
  return { cells: a.length, byteEqual: ours === theirs, states: { ours: total(a), theirs: total(b) }, statesDiffer, onlyOurs, onlyTheirs, mismatches };
}

/** One line on a pairing: "100 cells, verdicts equal cell by cell; states 6,135 here, 9,721 there (66 cells differ); ..." */
export function pairingLine(p: TablePairing): string {
  if (p.byteEqual) return `${p.cells} cells, the tables byte-identical (${grouped(p.states.ours)} states)`;
  const parts = [
    `${p.cells} cells, ${p.mismatches.length === 0 ? 'verdicts equal cell by cell' : `${p.mismatches.length} mismatches, e.g. ${p.mismatches[0]}`}`,
    `states ${grouped(p.states.ours)} here, ${grouped(p.states.theirs)} there (in ${p.statesDiffer.length} of the cells)`,
    ...(p.onlyOurs.length ? [`parameters only here: ${p.onlyOurs.join(', ')}`] : []),
    ...(p.onlyTheirs.length ? [`parameters only there: ${p.onlyTheirs.join(', ')}`] : []),
  ];
  return parts.join('; ');
}
