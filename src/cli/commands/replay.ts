import { replayTrace } from '../../render/replay-trace.js';
import { titleOf } from '../../render/legend.js';
import { EXIT, type Io } from '../io.js';
import { modelOfTrace, readTrace } from '../load-trace.js';
import { parseOptions } from '../options.js';
import { UsageError } from '../usage-error.js';

export const REPLAY_HELP = `usage: allocheck replay <trace.json>
  Re-executes a counterexample trace against its model (built with the recorded parameters and
  policy) and compares every step's actor, action, context, text and state.
exit codes: 0 confirmed, 1 a step does not follow (the trace is stale or edited), 2 bad input`;

/** `allocheck replay`: confirms a trace, or names its first step that does not follow. */
export async function replayCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, { help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } }, 'replay');
  if (values.help) {
    io.out(REPLAY_HELP + '\n');
    return EXIT.holds;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError(`replay needs a trace file, e.g. 'allocheck replay out/trace.json'`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'; give one trace file`);
  const trace = readTrace(file, io.cwd);
  const built = await modelOfTrace(trace, file, io.cwd);
  const verdict = 'why' in built ? { ok: false as const, step: 0, why: built.why } : replayTrace(built.model, trace);
  if (verdict.ok) {
    io.out(`confirmed: ${file} replays exactly (${titleOf(trace)})\n`);
    return EXIT.holds;
  }
  const where = verdict.step === 0 ? 'its header or initial state does not match the model' : `step ${verdict.step} does not follow`;
  io.out(`NOT confirmed: ${file}: ${where}: ${verdict.why}\n`);
  return EXIT.violated;
}
