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

test('the pool keeps spare arrays within its budget and hands one out only for an entry that fits', () => {
  const pool = new ChunkPool();
  pool.give(new Uint8Array(ChunkPool.smallest - 1));
  expect(pool.bytes).toBe(0); // too small to keep
  const spare = new Uint8Array(new Int32Array(ChunkPool.smallest / 4).buffer); // an array a table grew out of
  pool.give(spare, 2 * ChunkPool.smallest);
  pool.give(new Uint8Array(2 * ChunkPool.smallest), 2 * ChunkPool.smallest);
  expect(pool.bytes).toBe(ChunkPool.smallest); // the second is past the budget
  expect(pool.take(ChunkPool.smallest + 1)).toBeUndefined();
  const level = new LevelQueue(false, pool);
  level.push(0, entry(3));
  expect(level.bytes).toBe(ChunkPool.smallest);
  expect(pool.bytes).toBe(0);
  expect(level.shift()).toEqual(entry(3));
});
