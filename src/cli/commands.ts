/**
 * The commands by name, each with its help text. A command's module is loaded only when it runs
 * (or its help is asked for): `list` does not load the renderer, esbuild or fast-check.
 */
import type { Io } from './io.js';

export type Command = (argv: readonly string[], io: Io) => Promise<number>;

export interface CommandEntry {
  readonly run: Command;
  readonly help: string;
}

export const COMMANDS: Readonly<Record<string, () => Promise<CommandEntry>>> = {
  check: async () => ((m) => ({ run: m.checkCommand, help: m.CHECK_HELP }))(await import('./commands/check.js')),
  list: async () => ((m) => ({ run: m.listCommand, help: m.LIST_HELP }))(await import('./commands/list.js')),
  matrix: async () => ((m) => ({ run: m.matrixCommand, help: m.MATRIX_HELP }))(await import('./commands/matrix.js')),
  merge: async () => ((m) => ({ run: m.mergeCommand, help: m.MERGE_HELP }))(await import('./commands/merge.js')),
  synth: async () => ((m) => ({ run: m.synthCommand, help: m.SYNTH_HELP }))(await import('./commands/synth.js')),
  replay: async () => ((m) => ({ run: m.replayCommand, help: m.REPLAY_HELP }))(await import('./commands/replay.js')),
  render: async () => ((m) => ({ run: m.renderCommand, help: m.RENDER_HELP }))(await import('./commands/render.js')),
  simulate: async () => ((m) => ({ run: m.simulateCommand, help: m.SIMULATE_HELP }))(await import('./commands/simulate.js')),
  explore: async () => ((m) => ({ run: m.exploreCommand, help: m.EXPLORE_HELP }))(await import('./commands/explore.js')),
  seed: async () => ((m) => ({ run: m.seedCommand, help: m.SEED_HELP }))(await import('./commands/seed.js')),
  completion: async () => ((m) => ({ run: m.completionCommand, help: m.COMPLETION_HELP }))(await import('./commands/completion.js')),
};

/** The command called `name`, or undefined. */
export function commandNamed(name: string): (() => Promise<CommandEntry>) | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}
