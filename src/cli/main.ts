import { CheckError } from '../core/errors.js';
import { checkCommand } from './commands/check.js';
import { exploreCommand } from './commands/explore.js';
import { listCommand } from './commands/list.js';
import { matrixCommand } from './commands/matrix.js';
import { synthCommand } from './commands/synth.js';
import { renderCommand } from './commands/render.js';
import { replayCommand } from './commands/replay.js';
import { seedCommand } from './commands/seed.js';
import { EXIT, type Io } from './io.js';
import { printable } from './printable.js';
import { UsageError } from './usage-error.js';

const HELP = `allocheck: an exhaustive model checker for memory-allocation protocols

usage: allocheck <command> [options]
  check <model>     check a model's properties under a policy ('allocheck check --help')
  list              the models (with their parameters), policies and properties
  matrix <model...> check every model x policy x parameter point, one table ('allocheck matrix --help')
  synth <model>     the smallest (or largest) parameter value that keeps a policy safe ('allocheck synth --help')
  replay <trace>    confirm a counterexample trace (trace.json) against its model
  render <trace>    a trace as a diagram (dot, svg, png), a story (md, txt) or a mermaid sequence diagram
  explore <model>   walk a model by hand in the browser, check it, step through its counterexample
  seed              the seed mail's argument: dm-raid1 under mempool-only and under
                    memalloc-inheritance, verdicts and counterexample files (npm start)
  help              this text

exit codes: 0 holds, 1 violated, 2 bad input, 3 incomplete
Add --debug to any command to see a stack trace on error.`;

type Command = (argv: readonly string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  list: listCommand,
  matrix: matrixCommand,
  synth: synthCommand,
  replay: replayCommand,
  render: renderCommand,
  seed: seedCommand,
  explore: exploreCommand,
};

/** Runs one command line against `io`. The only place that turns errors into exit codes. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP + '\n');
    return EXIT.holds;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command '${name}'; known: ${Object.keys(COMMANDS).join(', ')}`);
    return await command(rest, io);
  } catch (e) {
    if (argv.includes('--debug') && e instanceof Error) {
      io.err(`${e.stack}\n`);
      if (e.cause instanceof Error) io.err(`caused by: ${e.cause.stack}\n`);
    }
    if (e instanceof UsageError || e instanceof CheckError) {
      io.err(`allocheck: ${printable(e.message)}\n`);
      return EXIT.usage;
    }
    const why = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    io.err(`allocheck: the model failed: ${printable(why)} (run with --debug for the stack)\n`);
    return EXIT.usage;
  }
}

/** The process entry point: real streams, Ctrl-C stops the search and reports what was explored. */
export async function run(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    return await main(argv, {
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
      errIsTTY: process.stderr.isTTY === true,
      cwd: process.cwd(),
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
