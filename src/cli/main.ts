import { CheckError } from '../core/errors.js';
import { EXIT, type Io } from './io.js';
import { UsageError } from './usage-error.js';

const HELP = `allocheck: an exhaustive model checker for memory-allocation protocols

usage: allocheck <command> [options]
  check <model>     check a model's properties under a policy ('allocheck check --help')
  list              the models (with their parameters), policies and properties
  matrix <model...> check every model x policy x parameter point, one table ('allocheck matrix --help')
  synth <model>     the smallest (or largest) parameter value that keeps a policy safe ('allocheck synth --help')
  replay <trace>    confirm a counterexample trace (trace.json) against its model
  render <trace>    a trace as a diagram (dot, svg, png) or a story (md, txt)
  seed              the seed mail's argument: dm-raid1 under mempool-only and under
                    memalloc-inheritance, verdicts and counterexample files (npm start)
  help              this text

exit codes: 0 holds, 1 violated, 2 bad input, 3 incomplete
Add --debug to any command to see a stack trace on error.`;

type Command = (argv: readonly string[], io: Io) => Promise<number>;

// Each command's module is loaded when it runs: `list` need not load the renderer or esbuild.
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.js')).checkCommand,
  list: async () => (await import('./commands/list.js')).listCommand,
  matrix: async () => (await import('./commands/matrix.js')).matrixCommand,
  synth: async () => (await import('./commands/synth.js')).synthCommand,
  replay: async () => (await import('./commands/replay.js')).replayCommand,
  render: async () => (await import('./commands/render.js')).renderCommand,
  seed: async () => (await import('./commands/seed.js')).seedCommand,
};

/** Runs one command line against `io`. The only place that turns errors into exit codes. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP + '\n');
    return EXIT.holds;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (!load) throw new UsageError(`unknown command '${name}'; known: ${Object.keys(COMMANDS).join(', ')}`);
    return await (await load())(rest, io);
  } catch (e) {
    if (argv.includes('--debug') && e instanceof Error) {
      io.err(`${e.stack}\n`);
      if (e.cause instanceof Error) io.err(`caused by: ${e.cause.stack}\n`);
    }
    if (e instanceof UsageError || e instanceof CheckError) {
      io.err(`allocheck: ${e.message}\n`);
      return EXIT.usage;
    }
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    io.err(`allocheck: the model failed: ${why} (run with --debug for the stack)\n`);
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
