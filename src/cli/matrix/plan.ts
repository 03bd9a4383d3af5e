/**
 * The cells of a matrix: every model x parameter point x policy, in that order (policies vary
 * fastest, so the policies of one point sit next to each other). Names and values are checked
 * here, before any worker starts: unknown names and swept names a model lacks are bad input.
 * The cells themselves are laid out lazily, one at a time as they are run, so that a sweep of
 * millions of points is counted at once and never held whole; a point the model's build
 * rejects (a combination its scenario refuses) is an `invalid` cell with the model's reason
 * ({@link judged}: the runner builds each cell once, for its check, under the cell's time
 * limit: a user's build that never returns is stopped like a search), unless every cell is,
 * which is bad input again ({@link checkSomeValid}). A model with nothing to check is refused
 * as a whole when its first cell is built.
 */
import { policyList, type Policy } from '../../alloc/index.js';
import { withPolicies } from '../../api/with-policies.js';
import { resolvePolicyTexts } from '../policy-files.js';
import { CheckError } from '../../core/errors.js';
import type { ParamValues } from '../../core/params.js';
import { eachSweepPoint, sweepSize, type Sweeps } from '../../core/sweep.js';
import { loadDefinition, looksLikePath, modelPath, type Definition } from '../registry.js';
import type { CellReply } from '../runner/protocol.js';
import { sweepsFor, type SweepArg } from '../sweep-options.js';
import { UsageError } from '../usage-error.js';

export interface PlannedCell {
  readonly index: number;
  /** The model's own name, for the table. */
  readonly model: string;
  /** What a worker loads: a shipped name or an absolute path. */
  readonly source: string;
  /** Policy files of the user's own (absolute paths) that a worker loads with the model. */
  readonly policyFiles: readonly string[];
  readonly def: Definition;
  readonly policy: string | undefined;
  /** Every parameter, defaults filled in. */
  readonly params: ParamValues;
  /** Only the swept parameters, for the table's columns. */
  readonly swept: ParamValues;
  /** Why the policy does not apply to this model: the cell is not checked. */
  readonly notApplicable?: string;
  /** Why the model rejects this point (its one-line `bad-option` message): the cell is not checked. */
  readonly invalid?: string;
}

export interface MatrixRequest {
  readonly models: readonly string[];
  /** Policy texts, paths to policy files of the user's own among the names. */
  readonly policies: readonly string[] | undefined;
  readonly sweeps: readonly SweepArg[];
  readonly base: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** The properties selected (`--property`); all of each model's when absent. */
  readonly properties?: readonly string[];
}

function checkPolicyNames(policies: readonly string[], extra: readonly Policy[]): void {
  const known = [...policyList, ...extra].map((p) => p.name);
  for (const name of policies.flatMap((p) => p.split('+'))) {
    if (!known.includes(name)) throw new UsageError(`unknown policy '${name}'; known: ${known.join(', ')}`);
  }
}

function whyNot(def: Definition, policy: string | undefined): string | undefined {
  if (policy === undefined || !def.policies) return undefined;
  const missing = policy.split('+').find((p) => !def.policies!.includes(p));
  return missing ? `${missing} does not apply to ${def.name}` : undefined;
}

function label(model: string, policy: string | undefined, swept: ParamValues): string {
  const point = Object.entries(swept).map(([k, v]) => `${k}=${v}`).join(' ');
  return [model, policy ? `under ${policy}` : '', point ? `at ${point}` : ''].filter(Boolean).join(' ');
}

/**
 * The cell as its build in the runner judged it: marked `invalid`, with the model's one-line
 * reason, when the model rejects the point (a `bad-option` error); a model with nothing to
 * check refuses the whole matrix, as `check` refuses it; any other failure of the build is bad
 * input for the whole matrix, and is thrown, naming the cell.
 */
export function judged(cell: PlannedCell, reply: CellReply): PlannedCell {
  if (reply.ok || reply.build === undefined) return cell;
  const { code, refused } = reply.build;
  if (refused) throw code === undefined ? new UsageError(reply.message) : new CheckError(code, reply.message);
  if (code === 'bad-option') return { ...cell, invalid: reply.message };
  const message = `${label(cell.model, cell.policy, cell.swept)}: ${reply.message}`;
  if (code !== undefined) throw new CheckError(code, message);
  throw reply.usage ? new UsageError(message) : new Error(message);
}

/** With no cell left to check, the request itself is wrong: bad input, naming the first rejection. */
export function checkSomeValid(cells: readonly PlannedCell[]): void {
  const first = cells.find((c) => c.invalid !== undefined);
  if (first === undefined || cells.some((c) => !c.notApplicable && c.invalid === undefined)) return;
  throw new CheckError('bad-option', `every cell is rejected by its model, e.g. ${label(first.model, first.policy, first.swept)}: ${first.invalid}`);
}

interface ModelPlan {
  readonly def: Definition;
  readonly source: string;
  readonly sweeps: Sweeps;
  readonly policies: readonly (string | undefined)[];
}

/** A matrix counted but not laid out: {@link MatrixPlan.cells} yields its cells in order, not yet {@link validated}. */
export interface MatrixPlan {
  /** Every cell, n/a ones included. */
  readonly total: number;
  /** The cells whose policy applies (some may still be invalid points). */
  readonly applicable: number;
  cells(): Iterable<PlannedCell>;
}

function* cellsOf(models: readonly ModelPlan[], base: Readonly<Record<string, string>>, policyFiles: readonly string[]): Generator<PlannedCell> {
  let index = 0;
  for (const { def, source, sweeps, policies } of models) {
    for (const params of eachSweepPoint(def.name, def.params, base, sweeps)) {
      const swept = Object.fromEntries(Object.keys(sweeps).map((k) => [k, params[k]!]));
      for (const policy of policies) {
        const na = whyNot(def, policy);
        yield { index: index++, model: def.name, source, policyFiles, def, policy, params, swept, ...(na ? { notApplicable: na } : {}) };
      }
    }
  }
}

/** Loads the models, checks the names and values, and counts the cells. */
export async function planMatrix(req: MatrixRequest): Promise<MatrixPlan> {
  const own = req.policies ? await resolvePolicyTexts(req.policies, req.cwd) : undefined;
  const texts = own?.texts;
  if (texts) checkPolicyNames(texts, own.policies);
  const models: ModelPlan[] = [];
  for (const name of req.models) {
    const def = withPolicies(await loadDefinition(name, req.cwd), own?.policies ?? []);
    const sweeps = sweepsFor(def.name, def.params, req.sweeps);
    // Every value checked against its declaration now (the points are not built yet).
    eachSweepPoint(def.name, def.params, req.base, sweeps);
    const policies: readonly (string | undefined)[] = def.policies ? (texts ?? def.policies) : [undefined];
    models.push({ def, source: looksLikePath(name) ? modelPath(name, req.cwd) : name, sweeps, policies });
  }
  const unused = (texts ?? []).filter((p) => models.every((m) => m.def.policies === undefined || whyNot(m.def, p) !== undefined));
  if (unused.length) throw new UsageError(`policy '${unused[0]}' applies to none of the models (${req.models.join(', ')})`);
  const count = (applicable: boolean) => models.reduce((n, m) => n + sweepSize(m.sweeps) * m.policies.filter((p) => !applicable || whyNot(m.def, p) === undefined).length, 0);
  return { total: count(false), applicable: count(true), cells: () => cellsOf(models, req.base, own?.files ?? []) };
}

export { label as cellLabel };
