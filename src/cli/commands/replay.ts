import type { Fairness } from '../../core/model.js';
import { replayTrace } from '../../render/replay-trace.js';
import type { Trace } from '../../render/trace.js';
import { titleOf } from '../../render/legend.js';
import { EXIT, type Io } from '../io.js';
import { checkSameRun, modelOfTrace, readTrace } from '../load-trace.js';
import { outPath, parseOptions } from '../options.js';
import { UsageError } from '../usage-error.js';
import { fairnessOverrides } from './check.js';

export const REPLAY_HELP = `usage: allocheck replay <trace.json> [--model FILE] [--policy FILE ...] [--fair actor=weak|strong] [--unfair actor]
  Re-executes a counterexample trace against its model (built with the recorded parameters,
  policy and fairness) and compares every step's actor, action, context, text and state, then
  checks that the path still violates its property. A lasso must close, keep its obligation open
  around the cycle, and be fair: a weakly fair unit enabled throughout the cycle, or a strongly
  fair one enabled anywhere on it, must take a step on it.
  --model FILE           the model file of a trace recorded from one (replay never loads a file a
                         trace names; the trace's recorded source must be this file)
  --policy FILE          a policy file of your own the trace was recorded under (repeatable; each
                         must be given, and its text must hash as the trace records)
  --fair actor=weak|strong, --unfair actor   judge the lasso under other fairness than recorded
                                             (an actor name or kind, as for check; repeatable)
exit codes: 0 confirmed, 1 a step does not follow or the path is not a counterexample (stale,
  edited, or unfair), 2 bad input (including a trace another run's result.json sits beside)`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
  fair: { type: 'string', multiple: true },
  unfair: { type: 'string', multiple: true },
  model: { type: 'string' },
  policy: { type: 'string', multiple: true },
} as const;

/** Overrides by actor name or kind, spelled out by name (the trace's fairness is by name, and a name wins over a kind). */
function byName(overrides: Readonly<Record<string, Fairness>>, trace: Trace): Record<string, Fairness> {
  const out: Record<string, Fairness> = {};
  for (const [who, kind] of Object.entries(overrides)) {
    const actors = trace.actors.filter((a) => a.name === who || a.kind === who);
    if (actors.length === 0) {
      throw new UsageError(`--fair/--unfair names '${who}', which is not an actor of the trace; actors and kinds: ${[...new Set(trace.actors.flatMap((a) => [a.name, a.kind]))].join(', ')}`);
    }
    for (const a of actors) out[a.name] = kind;
  }
  return out;
}

/** What the verdict says failed, in one clause. */
function whereOf(verdict: { readonly step: number; readonly judged?: true }): string {
  if (verdict.judged) return 'every step follows, but';
  return verdict.step === 0 ? 'its header or initial state does not match the model:' : `step ${verdict.step} does not follow:`;
}

/** `allocheck replay`: confirms a trace, or names its first step that does not follow. */
export async function replayCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS, 'replay');
  if (values.help) {
    io.out(REPLAY_HELP + '\n');
    return EXIT.holds;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError(`replay needs a trace file, e.g. 'allocheck replay out/seed/mempool-only/trace-no-deadlock.json'`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'; give one trace file`);
  const trace = readTrace(file, io.cwd);
  checkSameRun(trace, file, io.cwd);
  const overrides = byName(fairnessOverrides(values.fair, values.unfair), trace);
  const policyFiles = (values.policy ?? []).map((p) => outPath('--policy', p)!);
  const built = await modelOfTrace(trace, file, io.cwd, overrides, outPath('--model', values.model), policyFiles);
  const verdict = 'why' in built ? { ok: false as const, step: 0, why: built.why } : replayTrace(built.model, trace);
  if (verdict.ok) {
    io.out(`confirmed: ${file} replays exactly (${titleOf(trace)})\n`);
    return EXIT.holds;
  }
  io.out(`NOT confirmed: ${file}: ${whereOf(verdict)} ${verdict.why}\n`);
  return EXIT.violated;
}
