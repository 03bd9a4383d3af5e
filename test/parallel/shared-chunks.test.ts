import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChunkReader, ChunkWriter, pool } from '../../src/parallel/shared-chunks.js';

describe('shared chunks', () => {
  it('read back every entry written, in order, whatever their lengths', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 700 }), { maxLength: 200 }), (states) => {
        const writer = new ChunkWriter();
        for (const s of states) writer.push(s);
        expect(writer.length).toBe(states.length);
        const level = pool([writer.take()]);
        const reader = new ChunkReader();
        const seen: number[][] = [];
        level.buffers.forEach((b, i) => reader.each(b, level.used[i]!, (v) => seen.push([...v]) > 0));
        expect(seen).toEqual(states.map((s) => [...s]));
      }),
    );
  });

  it('stops where the visitor says, and reuses its buffer for entries of one length', () => {
    const writer = new ChunkWriter();
    for (let i = 0; i < 5; i++) writer.push(Uint8Array.of(i, i, i));
    const { buffers, used } = writer.take();
    const views: Uint8Array[] = [];
    const reader = new ChunkReader();
    const finished = reader.each(buffers[0]!, used[0]!, (v) => views.push(v) < 3);
    expect(finished).toBe(false);
    expect(views).toHaveLength(3);
    // One borrowed view, overwritten by each entry: a visitor must copy what it keeps.
    expect(views[0]).toBe(views[2]);
    expect([...views[2]!]).toEqual([2, 2, 2]);
  });
});
