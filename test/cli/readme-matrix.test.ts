import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { matrixBlocks, readmeUrl, renderBlock } from '../support/readme-matrix.js';

describe('README policy matrix', () => {
  const blocks = matrixBlocks(readFileSync(readmeUrl, 'utf8'));

  it('has the seed table and the kernel mechanisms table', () => {
    expect(blocks.map((b) => b.name)).toEqual(expect.arrayContaining(['seed', 'mechanisms']));
  });

  it.each(blocks.map((b) => [b.name, b] as const))("block '%s' is what its command prints (regenerate: npm run readme:matrix)", async (_name, block) => {
    expect(block.body).toBe(await renderBlock(block.args));
  });
});

describe('README synth example', () => {
  it('prints what the README shows', async () => {
    const readme = readFileSync(readmeUrl, 'utf8');
    const m = /```\n\$ allocheck (synth [^\n]+)\n([\s\S]*?)```/.exec(readme);
    expect(m).not.toBeNull();
    const r = await cli(m![1]!.split(/\s+/));
    expect(r.out.startsWith(m![2]!)).toBe(true);
  });
});
