import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AllocState } from '../../alloc/state.js';
import { resolveParams } from '../../core/params.js';
import { EXIT, type Io } from '../io.js';
import { count, pairs, parseOptions } from '../options.js';
import { loadDefinition } from '../registry.js';
import { isAllocModel } from '../trace-files.js';
import { UsageError } from '../usage-error.js';
import { exploreServer, listen } from '../explore/server.js';
import { buildModel } from './check.js';

export const EXPLORE_HELP = `usage: allocheck explore <model> [--policy P] [--param k=v ...] [--port N] [--open]
  Serves a page on 127.0.0.1 to walk the model by hand: the state as the swimlane shows it
  (free pages against the watermarks, each actor's status, context and flags, queues, pools,
  held pages, who waits for whom), the enabled actions as buttons with the context each would
  allocate in, back and forward, "check" with its counterexample loaded into the timeline, and
  loading a trace.json. The URL holds the path, so a link or a reload shows the same state.
  --policy P     policy (allocation models; several joined by '+'; default none)
  --param k=v    set a model parameter (repeatable)
  --port N       the port (default: a free one, printed at start)
  --open         open the page in the desktop's browser
  Ctrl-C stops the server.
exit codes: 0 stopped, 2 bad input (unknown model, policy or parameter; the port is in use)`;

const OPTIONS = {
  policy: { type: 'string' },
  param: { type: 'string', multiple: true },
  port: { type: 'string' },
  open: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const;

/** Asks the desktop to open `url`; where there is none, one line says so. */
function openBrowser(url: string, io: Io): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => io.err(`allocheck: could not start '${command}' to open the page; open ${url} yourself\n`));
  child.unref();
}

/** `allocheck explore`: the interactive explorer, until Ctrl-C. */
export async function exploreCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS, 'explore');
  if (values.help) {
    io.out(EXPLORE_HELP + '\n');
    return EXIT.holds;
  }
  const [name, ...extra] = positionals;
  if (name === undefined) throw new UsageError(`explore needs a model; try 'allocheck list'`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'; give one model (use --param k=v for parameters)`);
  const port = count('port', values.port) ?? 0;
  if (port > 65535) throw new UsageError(`--port takes a number from 0 to 65535, got '${values.port}'`);
  const def = await loadDefinition(name, io.cwd);
  if (def.policies === undefined) throw new UsageError(`model '${def.name}' is not an allocation model; explore walks allocation models (see 'allocheck list')`);
  const params = resolveParams(def.params, pairs('param', values.param));
  const { model } = buildModel(def, params, values.policy ?? 'none', {});
  if (!isAllocModel(model)) throw new UsageError(`model '${def.name}' does not describe its states, so it cannot be explored`);
  // Build the first state now: a model that throws does so before anything listens.
  model.describe(model.initialStates()[0] as AllocState);
  const server = exploreServer(model, def.params);
  const bound = await listen(server, port);
  const url = `http://127.0.0.1:${bound}/`;
  io.out(`exploring ${model.name} under ${model.policy} at ${url} (Ctrl-C stops)\n`);
  if (values.open) openBrowser(url, io);
  if (!io.signal.aborted) await once(io.signal, 'abort');
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  io.out('explorer stopped\n');
  return EXIT.holds;
}
