import { expect, test } from 'vitest';
import { ChunkPool, LevelQueue } from '../../src/core/level-queue.js';

const entry = (i: number): Uint8Array => Uint8Array.from({ length: 90 }, (_, k) => (i * 7 + k) & 255);

test('a level written into the chunks the previous level has read keeps every entry intact', () => {
  const pool = new ChunkPool();
  const first = new LevelQueue(true, pool);
  const n = 40_000; // several full-size chunks
  for (let i = 0; i < n; i++) first.push(i, entry(i));
  const second = new LevelQueue(true, pool);
  for (let i = 0; i < n; i++) {
    const bytes = first.shift()!;
    expect(first.slot).toBe(i);
    expect(bytes).toEqual(entry(i));
    second.push(n - i, entry(n - i)); // writes into chunks `first` has given back
  }
  expect(first.shift()).toBeUndefined();
  for (let i = 0; i < n; i++) {
    expect(second.shift()).toEqual(entry(n - i));
    expect(second.slot).toBe(n - i);
  }
  expect(second.shift()).toBeUndefined();
  expect(second.bytes).toBe(0);
});

test('a level starts in a chunk the previous level gave back, and shiftCopy reads entries as shift does', () => {
  const pool = new ChunkPool();
  const first = new LevelQueue(false, pool);
  const n = 30_000; // past the first full-size chunk
  for (let i = 0; i < n; i++) first.push(0, entry(i));
  const copies = new Set<Uint8Array>();
  for (let i = 0; i < n; i++) {
    const bytes = first.shiftCopy()!;
    expect(bytes).toEqual(entry(i));
    copies.add(bytes);
  }
  expect(first.shiftCopy()).toBeUndefined();
  expect(copies.size).toBe(1); // one buffer for entries of one length
  const second = new LevelQueue(false, pool);
  second.push(0, entry(1));
  expect(second.bytes).toBe(1 << 20); // the pooled chunk, not a fresh 4 KB one
  expect(second.shift()).toEqual(entry(1));
});
