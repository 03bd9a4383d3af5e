/**
 * `allocheck matrix --mechanisms`: the table "mechanism | kernel source | scenario | without it |
 * with it", each verdict checked now from the rows of src/api/mechanisms.ts.
 */
import { checkCellAsync, summarize, type CellLimits } from '../../api/cell.js';
import { mechanisms, type MechanismRow, type Setting } from '../../api/mechanisms.js';
import { modelNamed } from '../../api/models.js';
import type { ParamValues } from '../../core/params.js';
import { safetyProperties } from '../../../properties/index.js';

const words = (p: ParamValues | undefined): string[] => Object.entries(p ?? {}).map(([k, v]) => `${k}=${v}`);

/** A setting as the table shows it: its policy and the parameters it sets. */
function settingText(s: Setting): string {
  return [s.policy, ...words(s.params)].join(', ');
}

export interface MechanismCell {
  readonly setting: string;
  readonly verdict: string;
}

export interface MechanismLine {
  readonly mechanism: string;
  readonly source: string;
  readonly scenario: string;
  readonly without: MechanismCell;
  readonly with: MechanismCell;
}

async function checkSetting(row: MechanismRow, s: Setting, limits: CellLimits, signal: AbortSignal): Promise<MechanismCell> {
  const params = { ...row.params, ...s.params };
  const result = await checkCellAsync(modelNamed(row.model), s.policy, params, { properties: safetyProperties, ...limits }, signal);
  return { setting: settingText(s), verdict: summarize(result).verdict };
}

/** Checks both settings of every row, in order. */
export async function mechanismLines(limits: CellLimits, signal: AbortSignal): Promise<MechanismLine[]> {
  const out: MechanismLine[] = [];
  for (const row of mechanisms) {
    const scenario = [row.model, ...words(row.params)].join(' ');
    out.push({ mechanism: row.mechanism, source: row.source, scenario, without: await checkSetting(row, row.without, limits, signal), with: await checkSetting(row, row.with, limits, signal) });
  }
  return out;
}

/** The lines as a Markdown table (also the text format: it reads as plain text). */
export function mechanismMarkdown(lines: readonly MechanismLine[]): string {
  const cell = (c: MechanismCell): string => `${c.verdict} (${c.setting})`;
  return [
    '| mechanism | kernel source | scenario | without it | with it |',
    '| --- | --- | --- | --- | --- |',
    ...lines.map((l) => `| ${l.mechanism} | ${l.source} | ${l.scenario} | ${cell(l.without)} | ${cell(l.with)} |`),
  ].join('\n') + '\n';
}

/** Exit code: 3 when a cell is incomplete, else 0 (a 'without it' cell is expected to fail). */
export function mechanismExit(lines: readonly MechanismLine[]): 0 | 3 {
  return lines.some((l) => l.without.verdict === 'incomplete' || l.with.verdict === 'incomplete') ? 3 : 0;
}
