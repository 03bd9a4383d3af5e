import { execFile } from 'node:child_process';
import { main } from '../../src/cli/main.js';

export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in-process with captured streams. */
export async function cli(args: readonly string[], cwd = process.cwd()): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t), errIsTTY: false, cwd, signal: new AbortController().signal });
  return { code, out, err };
}

/** Runs the real `allocheck` binary in a child process. */
export function spawnCli(args: readonly string[], cwd = process.cwd()): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [new URL('../../bin/allocheck.js', import.meta.url).pathname, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout, err: stderr });
    });
  });
}
