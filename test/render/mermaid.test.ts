import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { traceToMermaid } from '../../src/render/mermaid.js';
import { lassoTrace, seedCases, seedTrace } from './seed-traces.js';

/** Mermaid's own parser (the one its renderer uses) accepts the text, or throws its message. */
async function parses(text: string): Promise<string> {
  const result = await mermaid.parse(text);
  return result ? result.diagramType : 'rejected';
}

describe('render --format mermaid', () => {
  it.each(seedCases)('$name is a sequence diagram that mermaid parses', async ({ def, policy }) => {
    const text = traceToMermaid(seedTrace(def, policy));
    expect(await parses(text)).toBe('sequence');
    expect(text.split('\n')[0]).toBe('sequenceDiagram');
  });

  it('the parser is strict: the same text with a broken arrow is rejected', async () => {
    const text = traceToMermaid(seedTrace(seedCases[0]!.def, seedCases[0]!.policy)).replace('->>', '->>>');
    await expect(mermaid.parse(text)).rejects.toThrow(/Parse error/);
  });

  it('dm-raid1: a step that hands work to another actor is an arrow to it, and the cycle is shaded', () => {
    const text = traceToMermaid(seedTrace(seedCases[0]!.def, seedCases[0]!.policy));
    expect(text).toContain('participant a3 as kmirrord (daemon)');
    expect(text).toMatch(/^ {2}a0->>a3: 6\. queue-writeout: queues the writeout of a md0 page to<br\/>kmirrord \(a PF_MEMALLOC request#59; 1 queued\)$/m);
    expect(text).toContain('  rect rgb(251, 208, 208)\n    a3--xa3: waits: the md0 queue is full\n  end\n');
    expect(text).toMatch(/Note over a0,w1: The wait-for cycle: kmirrord waits for kmirrord/);
  });

  it('a lasso: its repeating steps in a loop block', async () => {
    const trace = lassoTrace();
    const text = traceToMermaid(trace);
    expect(await parses(text)).toBe('sequence');
    expect(text).toMatch(/^ {2}loop steps 8 to 9 repeat forever\n( {4}.*\n){2} {2}end\n/m);
  });
});
