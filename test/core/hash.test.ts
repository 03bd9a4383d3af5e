import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { fingerprint, fp } from '../../src/core/hash.js';

function of(bytes: Uint8Array): [number, number] {
  fingerprint(bytes);
  return [fp.hi, fp.lo];
}

/** The byte-by-byte reading the word reads must agree with (the hash's definition). */
function copy(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(bytes);
}

test.prop([fc.uint8Array({ maxLength: 200 }), fc.nat({ max: 7 })])('a state fingerprints the same wherever its bytes lie in a buffer', (bytes, offset) => {
  const buffer = new Uint8Array(offset + bytes.length + 3);
  buffer.set(bytes, offset);
  const inPlace = buffer.subarray(offset, offset + bytes.length);
  const want = of(copy(bytes));
  // Twice: the second time a large aligned array is read a word at a time.
  expect(of(inPlace)).toEqual(want);
  expect(of(inPlace)).toEqual(want);
});

test('fingerprints are stable across versions (a state seen in one run means the same state in the next)', () => {
  const large = Uint8Array.from({ length: 100 }, (_, i) => (i * 37) & 255);
  expect(of(large)).toEqual([1680381089, 1739552494]);
  expect(of(large.subarray(4, 90))).toEqual(of(copy(large.subarray(4, 90))));
});

test.prop([fc.uint8Array({ minLength: 4, maxLength: 120 }), fc.nat(), fc.integer({ min: 1, max: 0xffffffff })])('two states that differ in one word never share a fingerprint', (bytes, at, change) => {
  const other = copy(bytes);
  const word = (at % (bytes.length >>> 2)) * 4;
  for (let b = 0; b < 4; b++) other[word + b] = other[word + b]! ^ ((change >>> (8 * b)) & 255);
  expect(of(other)).not.toEqual(of(bytes));
});

/**
 * States of an allocation model: a few small counters in a mostly zero vector. The table picks
 * a segment by hi's top bits and a slot by lo, so both lanes must spread such states evenly.
 */
function sparseStates(count: number, length: number): Uint8Array[] {
  const states: Uint8Array[] = [];
  let seed = 12345;
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16;
  const seen = new Set<string>();
  while (states.length < count) {
    const s = new Uint8Array(length);
    for (let k = 0; k < 8; k++) s[next() % length] = next() % 6;
    const key = s.join();
    if (!seen.has(key)) {
      seen.add(key);
      states.push(s);
    }
  }
  return states;
}

function chiSquare(counts: readonly number[], total: number): number {
  const expected = total / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

test('sparse states spread evenly over both lanes and do not collide', () => {
  const states = sparseStates(100_000, 75);
  const byHi = new Array<number>(256).fill(0);
  const byLo = new Array<number>(1024).fill(0);
  const all = new Set<string>();
  for (const s of states) {
    const [hi, lo] = of(s);
    byHi[hi >>> 24]!++;
    byLo[Math.floor((lo / 2 ** 32) * 1024)]!++;
    all.add(`${hi},${lo}`);
  }
  expect(all.size).toBe(states.length);
  // Far beyond these (the 1e-4 quantiles for 255 and 1023 degrees of freedom) means clustering.
  expect(chiSquare(byHi, states.length)).toBeLessThan(345);
  expect(chiSquare(byLo, states.length)).toBeLessThan(1200);
});
