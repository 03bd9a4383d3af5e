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
  expect(of(large)).toEqual([4289557479, 1080195928]);
  expect(of(large.subarray(4, 90))).toEqual(of(copy(large.subarray(4, 90))));
});
