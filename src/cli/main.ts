import { CheckError } from '../core/errors.js';
import { COMMANDS, commandNamed } from './commands.js';
import { EXIT, type Io } from './io.js';
import { printable } from './printable.js';
import { startCheckWorkerEarly } from './runner/early-worker.js';
import { UsageError } from './usage-error.js';
import { allocheckVersion } from './version.js';

const HELP = `allocheck: an exhaustive model checker for memory-allocation protocols

usage: allocheck <command> [options]
  check <model>     check a model's properties under a policy
  list              the models (with their parameters), policies and properties
  matrix <model...> check every model x policy x parameter point, one table
  merge <dir...>    the shard files of a sharded matrix run, as one table
  synth <model>     the smallest (or largest) parameter value that keeps a policy safe
  simulate <model>  random walks for state spaces beyond exhaustive reach
  replay <trace>    confirm a counterexample trace (trace-<property>.json) against its model
  render <trace>    a trace as a diagram (dot, svg, png), a story (md, txt) or a mermaid sequence diagram
  explore <model>   walk a model by hand in the browser, check it, step through its counterexample
  seed              the seed mail's argument: dm-raid1 under mempool-only and under
                    memalloc-inheritance, verdicts and counterexample files (npm start)
  completion bash|zsh  a shell completion script
  help [command]    this text, or a command's options (as 'allocheck <command> --help')

  --version         allocheck's version

exit codes: 0 holds, 1 violated, 2 bad input, 3 incomplete
Add --debug to any command to see a stack trace on error.`;

function unknownCommand(name: string): UsageError {
  return new UsageError(`unknown command '${name}'; known: ${Object.keys(COMMANDS).join(', ')}, help`);
}

/** The general help, or one command's: `help`, `--help`, `help check`, `check --help`. */
async function help(name: string | undefined, io: Io): Promise<number> {
  if (name === undefined) {
    io.out(HELP + '\n');
    return EXIT.holds;
  }
  const load = commandNamed(name);
  if (!load) throw unknownCommand(name);
  io.out((await load()).help + '\n');
  return EXIT.holds;
}

/** Help asked for among a command's arguments (before a `--`). */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

async function dispatch(name: string | undefined, rest: readonly string[], io: Io): Promise<number> {
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`allocheck ${allocheckVersion()}\n`);
    return EXIT.holds;
  }
  if (name === undefined || name === '--help' || name === '-h') return help(undefined, io);
  if (name === 'help') return help(rest.find((a) => !a.startsWith('-')), io);
  const load = commandNamed(name);
  if (!load) throw unknownCommand(name);
  if (asksForHelp(rest)) return help(name, io);
  // A matrix's first check worker starts while the command's modules load, on another core.
  if (name === 'matrix') startCheckWorkerEarly(rest);
  return (await load()).run(rest, io);
}

/** Runs one command line against `io`. The only place that turns errors into exit codes. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    return await dispatch(name, rest, io);
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

/**
 * Ends the process quietly when stdout is closed under it (`allocheck render t.json | head -1`):
 * the reader has what it wanted, so this is not an error worth a stack trace.
 */
function quietOnClosedStdout(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.holds);
  });
}

/**
 * Ends the process with `code` once stdout and stderr have written everything (on Linux they
 * write synchronously, so at once). Returning from the entry instead lets Node wait for every
 * task queued to its background threads first: V8's optimising compiler still at work on
 * functions nothing will run again, 30 to 40 ms after a matrix of small cells.
 *
 * @example exitWhenWritten(await run(process.argv.slice(2)));
 */
export function exitWhenWritten(code: number): void {
  process.exitCode = code;
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  if (pending.length === 0) process.exit(code);
  let left = pending.length;
  for (const s of pending) s.once('drain', () => --left === 0 && process.exit(code));
}

/** The process entry point: real streams, Ctrl-C stops the search and reports what was explored. */
export async function run(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const stop = new AbortController();
  // The first Ctrl-C asks the search to stop and report; the second stops it by force (a
  // command that cannot, exits 130 a second later); a third exits at once.
  const onInterrupt = (): void => {
    if (!controller.signal.aborted) {
      // The explorer has nothing to report: it only closes its server.
      if (argv[0] !== 'explore') process.stderr.write('\nallocheck: stopping, to report what was explored; Ctrl-C again to stop at once\n');
      return controller.abort();
    }
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
    setTimeout(() => process.exit(130), 1000).unref();
  };
  process.on('SIGINT', onInterrupt);
  quietOnClosedStdout();
  try {
    return await main(argv, {
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
      errIsTTY: process.stderr.isTTY === true,
      cwd: process.cwd(),
      signal: controller.signal,
      stop: stop.signal,
    });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
