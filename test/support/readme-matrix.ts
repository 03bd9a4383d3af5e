/**
 * The README's matrix blocks: `<!-- matrix:NAME args... -->` ... `<!-- /matrix:NAME -->`. The
 * opening marker carries the command's arguments, so the block can be regenerated and checked.
 */
import { main } from '../../src/cli/main.js';

export const readmeUrl = new URL('../../README.md', import.meta.url);

export interface MatrixBlock {
  readonly name: string;
  readonly args: readonly string[];
  /** The text between the markers. */
  readonly body: string;
}

const BLOCK = /<!-- matrix:([\w-]+) ([^>]*?) -->\n([\s\S]*?)<!-- \/matrix:\1 -->/g;

export function matrixBlocks(readme: string): MatrixBlock[] {
  return [...readme.matchAll(BLOCK)].map((m) => ({ name: m[1]!, args: m[2]!.trim().split(/\s+/), body: m[3]! }));
}

/** The command's Markdown table, without timings (they differ from run to run). */
export async function renderBlock(args: readonly string[]): Promise<string> {
  let out = '';
  let err = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), errIsTTY: false, cwd: process.cwd(), signal: new AbortController().signal };
  const code = await main(['matrix', ...args, '--markdown', '--stable', '--quiet'], io);
  if (code === 2) throw new Error(`allocheck matrix ${args.join(' ')}: ${err}`);
  return out;
}

/** The README with every matrix block regenerated. */
export async function regenerated(readme: string): Promise<string> {
  let text = readme;
  for (const b of matrixBlocks(readme)) {
    const body = await renderBlock(b.args);
    text = text.replace(`<!-- matrix:${b.name} ${b.args.join(' ')} -->\n${b.body}`, `<!-- matrix:${b.name} ${b.args.join(' ')} -->\n${body}`);
  }
  return text;
}
