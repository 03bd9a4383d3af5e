import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { FingerprintTable } from '../../src/core/fingerprint-table.js';

const fingerprints = fc.uniqueArray(fc.tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 1, max: 0xffffffff })), { maxLength: 400, selector: ([a, b]) => `${a}:${b}` });

describe('FingerprintTable', () => {
  test.prop([fingerprints, fc.boolean(), fc.constantFrom(1, 4, 256)])('warmMany reads the home slots of any batch without changing what the table holds', (fps, values, segments) => {
    const table = new FingerprintTable({ initialCapacity: 2, values, segments });
    const half = fps.slice(0, fps.length >> 1);
    for (const [hi, lo] of half) {
      if (table.needsGrow(hi)) table.grow(hi, values);
      table.insert(hi, lo, 0);
    }
    // Batches of growing size (its reused arrays grow), of present and absent fingerprints.
    for (let n = 1; n <= fps.length; n = 2 * n + 1) {
      const batch = fps.slice(0, n);
      const x = table.warmMany(Int32Array.from(batch, ([hi]) => hi | 0), Int32Array.from(batch, ([, lo]) => lo | 0), batch.length);
      // Without a cache (a table with values) every entry's home slot is read, as warm reads it.
      if (values) expect(x).toBe(batch.reduce((acc, [hi, lo]) => acc ^ table.warm(hi, lo), 0));
    }
    expect(table.size).toBe(half.length);
    fps.forEach(([hi, lo], i) => expect(table.find(hi, lo) >= 0).toBe(i < half.length));
  });

  test.prop([fingerprints, fc.boolean(), fc.constantFrom(1, 4, 256)])('every inserted fingerprint is found after any number of growths, and only those', (fps, values, segments) => {
    const table = new FingerprintTable({ initialCapacity: 2, values, segments });
    const bits = Math.log2(segments);
    let slots = new Map<string, number>();
    fps.forEach(([hi, lo], i) => {
      if (table.needsGrow(hi)) {
        const k = table.segmentOf(hi);
        const map = table.grow(hi);
        // Only the grown segment's slots move.
        slots = new Map([...slots].map(([key, s]) => [key, (s & (segments - 1)) === k ? (map[s >>> bits]! << bits) | k : s]));
      }
      const slot = table.insert(hi, lo, i);
      expect(slot).toBeGreaterThanOrEqual(0);
      slots.set(`${hi}:${lo}`, slot);
    });
    expect(table.size).toBe(fps.length);
    fps.forEach(([hi, lo], i) => {
      const slot = table.find(hi, lo);
      expect(slot).toBe(slots.get(`${hi}:${lo}`));
      expect([table.hiAt(slot), table.loAt(slot)]).toEqual([hi, lo]);
      if (values) expect(table.valueAt(slot)).toBe(i);
      expect(table.insert(hi, lo, -5)).toBeLessThan(0);
    });
    expect(table.size).toBe(fps.length);
    expect(table.find(12345, 0)).toBe(-1);
  });

  const many = fc.uniqueArray(fc.tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 1, max: 0xffffffff })), { minLength: 60, maxLength: 400, selector: ([a, b]) => `${a}:${b}` });
  test.prop([many, fc.constantFrom(1, 4)])('a growth without a map keeps every fingerprint, makes no map and retires the old array', (fps, segments) => {
    const retired: Int32Array[] = [];
    const table = new FingerprintTable({ initialCapacity: 2, values: false, segments, retire: (old) => retired.push(old) });
    for (const [hi, lo] of fps) {
      if (table.needsGrow(hi)) {
        const before = table.bytes;
        expect(table.grow(hi, false)).toHaveLength(0);
        expect(retired.at(-1)!.byteLength).toBe(table.bytes - before); // the segment doubled: it grew by the old array's size
      }
      expect(table.insert(hi, lo, 0)).toBeGreaterThanOrEqual(0);
    }
    for (const [hi, lo] of fps) expect(table.find(hi, lo)).toBeGreaterThanOrEqual(0);
    expect(table.size).toBe(fps.length);
    expect(retired.length).toBeGreaterThan(0);
  });

  it('grows one segment at a time: the new arrays are a fraction of the table', () => {
    const table = new FingerprintTable({ values: false, segments: 256, initialCapacity: 1 << 16 });
    let hi = 0x9e3779b9;
    for (let i = 0; i < 200_000; i++) {
      hi = (Math.imul(hi, 1664525) + 1013904223) >>> 0;
      if (table.needsGrow(hi)) {
        expect(table.growthBytes(hi)).toBeLessThan(table.bytes / 64);
        table.grow(hi);
      }
      table.insert(hi, i + 1, 0);
    }
    expect(table.size).toBe(200_000);
    // Dense: between 8 / 0.88 and 8 / 0.68 bytes a fingerprint, give or take the segments' spread.
    expect(table.bytes / table.size).toBeGreaterThan(8.5);
    expect(table.bytes / table.size).toBeLessThan(12.5);
  });

  it('keeps its cache of recent fingerprints when a segment grows', () => {
    const table = new FingerprintTable({ values: false, segments: 256, initialCapacity: 1 << 16 });
    const hi = 0x05000000; // segment 5: a duplicate found in the table itself answers -1 - slot < -1
    expect(table.insert(hi, 77, 0)).toBeGreaterThanOrEqual(0);
    table.grow(0); // another segment grows; the cache is at its full size already
    expect(table.insert(hi, 77, 0)).toBe(-1); // answered by the cache
  });

  it('refuses a segment count that is not a power of two', () => {
    expect(() => new FingerprintTable({ segments: 3 })).toThrow(/power of two/);
  });
});
