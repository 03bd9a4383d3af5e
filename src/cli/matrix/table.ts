/** A matrix's rows as text, Markdown, CSV or JSON. Pure: the command prints what these return. */
import { UsageError } from '../usage-error.js';
import { cellLabel } from './plan.js';
import type { MatrixRow } from './run.js';

export type TableFormat = 'text' | 'markdown' | 'csv' | 'json';

/** The format a command's --json/--markdown/--csv flags ask for (text when none); two at once is bad input. */
export function formatOf(flags: { readonly json?: boolean | undefined; readonly markdown?: boolean | undefined; readonly csv?: boolean | undefined }): TableFormat {
  const chosen = (['json', 'markdown', 'csv'] as const).filter((f) => flags[f]);
  if (chosen.length > 1) throw new UsageError(`choose one of --json, --markdown, --csv (got ${chosen.map((f) => `--${f}`).join(' and ')})`);
  return chosen[0] ?? 'text';
}

interface Column {
  readonly title: string;
  readonly numeric: boolean;
  readonly cell: (r: MatrixRow) => string;
}

const dash = (x: number | undefined, f: (n: number) => string = String): string => (x === undefined ? '-' : f(x));

function columns(swept: readonly string[], withSeconds: boolean): Column[] {
  const cols: Column[] = [
    { title: 'model', numeric: false, cell: (r) => r.model },
    { title: 'policy', numeric: false, cell: (r) => r.policy ?? '-' },
    ...swept.map((name) => ({ title: name, numeric: false, cell: (r: MatrixRow) => String(r.swept[name] ?? '-') })),
    { title: 'verdict', numeric: false, cell: (r) => r.verdict },
    { title: 'states', numeric: true, cell: (r) => dash(r.states) },
    { title: 'depth', numeric: true, cell: (r) => dash(r.depth) },
  ];
  if (withSeconds) cols.push({ title: 'seconds', numeric: true, cell: (r) => dash(r.seconds, (s) => s.toFixed(2)) });
  return cols;
}

function textTable(cols: readonly Column[], rows: readonly MatrixRow[]): string {
  const cells = rows.map((r) => cols.map((c) => c.cell(r)));
  const widths = cols.map((c, i) => Math.max(c.title.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[]) => values.map((v, i) => (cols[i]!.numeric ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(cols.map((c) => c.title)), ...cells.map(line)].join('\n') + '\n';
}

function markdownTable(cols: readonly Column[], rows: readonly MatrixRow[]): string {
  const line = (values: readonly string[]) => `| ${values.join(' | ')} |`;
  const rule = line(cols.map((c) => (c.numeric ? '---:' : '---')));
  return [line(cols.map((c) => c.title)), rule, ...rows.map((r) => line(cols.map((c) => c.cell(r))))].join('\n') + '\n';
}

function csvField(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csvTable(cols: readonly Column[], rows: readonly MatrixRow[]): string {
  const extra: Column[] = [
    { title: 'property', numeric: false, cell: (r) => r.property ?? '' },
    { title: 'incomplete', numeric: false, cell: (r) => r.incomplete ?? '' },
    { title: 'note', numeric: false, cell: (r) => r.note ?? '' },
  ];
  const all = [...cols.map((c) => ({ ...c, cell: (r: MatrixRow) => (c.cell(r) === '-' ? '' : c.cell(r)) })), ...extra];
  return [all.map((c) => c.title), ...rows.map((r) => all.map((c) => c.cell(r)))].map((l) => l.map(csvField).join(',')).join('\n') + '\n';
}

/** One line per cell the model rejected, naming the cell and the model's reason (the table has no room for it). */
export function invalidLines(rows: readonly MatrixRow[]): string[] {
  return rows.filter((r) => r.verdict === 'invalid').map((r) => `invalid: ${cellLabel(r.model, r.policy ?? undefined, r.swept)}: ${r.note ?? ''}`);
}

/**
 * Formats rows; `swept` names the parameter columns; `stable` leaves out the timing column. CSV
 * and JSON carry an invalid cell's reason in `note`; Markdown lists them under the table (the
 * text format's lines come after its tally, from the command).
 */
export function formatTable(format: TableFormat, rows: readonly MatrixRow[], swept: readonly string[], stable = false): string {
  if (format === 'json') {
    const out = stable ? rows.map(({ seconds: _s, ...r }) => r) : rows;
    return JSON.stringify({ swept, cells: out }, null, 2) + '\n';
  }
  const cols = columns(swept, !stable);
  if (format === 'csv') return csvTable(cols, rows);
  if (format === 'text') return textTable(cols, rows);
  const notes = invalidLines(rows);
  return markdownTable(cols, rows) + (notes.length > 0 ? `\n${notes.map((l) => `- ${l}`).join('\n')}\n` : '');
}

/** One line counting the verdicts, e.g. "8 cells: 4 holds, 4 deadlock". */
export function tally(rows: readonly MatrixRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  return `${rows.length} cells: ${[...counts].map(([v, n]) => `${n} ${v}`).join(', ')}`;
}

/**
 * What `matrix` and `merge` print: the table in its format, and in text also the tally, the
 * invalid cells' reasons, the cells that failed to run, and `interrupted`, the line saying the
 * table is partial.
 */
export function tableReport(format: TableFormat, rows: readonly MatrixRow[], swept: readonly string[], stable: boolean, interrupted?: string): string {
  const table = formatTable(format, rows, swept, stable);
  if (format !== 'text') return table;
  const lines = [tally(rows), ...invalidLines(rows)];
  for (const r of rows) if (r.verdict === 'error') lines.push(`error in ${r.model} ${r.policy ?? ''}: ${r.note}`);
  if (interrupted !== undefined) lines.push(interrupted);
  return table + lines.map((l) => `${l}\n`).join('');
}
