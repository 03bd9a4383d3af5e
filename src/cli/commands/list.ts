import { policyList } from '../../alloc/index.js';
import { propertyList } from '../../../properties/index.js';
import type { ParamSpec } from '../../core/params.js';
import { EXIT, type Io } from '../io.js';
import { parseOptions } from '../options.js';
import { loadDefinition, modelNames } from '../registry.js';
import { UsageError } from '../usage-error.js';

function paramLine(name: string, spec: ParamSpec): string {
  const domain = spec.choices ? spec.choices.join('|') : spec.range ? `${spec.range[0]}..${spec.range[1]}` : 'any';
  const notes = [spec.assumption ? 'assumption' : '', spec.monotone ?? ''].filter(Boolean).join(', ');
  return `      ${`${name}=${spec.default}`.padEnd(18)} ${domain.padEnd(12)} ${spec.doc}${notes ? ` [${notes}]` : ''}`;
}

/** What a policy does and, where it says, what it does not, on one line. */
export function policyLine(p: { readonly summary: string; readonly doesNot?: string }): string {
  return p.doesNot === undefined ? p.summary : `${p.summary}; it ${p.doesNot}`;
}

export const LIST_HELP = `usage: allocheck list [--json]
  The shipped models (each parameter with its default, range and meaning), the policies and
  the properties of the allocation models.
  --json                 the same as one JSON object
exit codes: 0 listed`;

/** `allocheck list`: what can be checked, with every parameter's default, range and meaning. */
export async function listCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, { json: { type: 'boolean' }, debug: { type: 'boolean' } }, 'list');
  if (positionals.length > 0) throw new UsageError(`list takes no argument, got '${positionals[0]}'; it lists every model, policy and property`);
  const defs = await Promise.all(modelNames().map((name) => loadDefinition(name, io.cwd)));
  if (values.json) {
    const models = defs.map((d) => ({ name: d.name, summary: d.summary, policies: d.policies ?? null, params: d.params }));
    io.out(JSON.stringify({ models, policies: policyList, properties: propertyList }, null, 2) + '\n');
    return EXIT.holds;
  }
  const lines = ['models:'];
  for (const d of defs) {
    lines.push(`  ${d.name.padEnd(16)} ${d.summary}`);
    if (d.policies) lines.push(`      policies: ${d.policies.join(', ')}`);
    for (const [name, spec] of Object.entries(d.params)) lines.push(paramLine(name, spec));
  }
  lines.push('', 'policies (combine with +, e.g. --policy mempool-only+memalloc-inheritance):');
  for (const p of policyList) lines.push(`  ${p.name.padEnd(22)} ${policyLine(p)}`);
  lines.push('', 'properties of the allocation models (select with --property NAME):');
  for (const p of propertyList) lines.push(`  ${p.name.padEnd(22)} ${p.kind.padEnd(14)} ${p.summary}`);
  io.out(lines.join('\n') + '\n');
  return EXIT.holds;
}
