import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { FingerprintTable } from '../../src/core/fingerprint-table.js';

const fingerprints = fc.uniqueArray(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 0xffffffff })), { maxLength: 400, selector: ([a, b]) => `${a}:${b}` });

describe('FingerprintTable', () => {
  test.prop([fingerprints, fc.boolean()])('every inserted fingerprint is found after any number of growths, and only those', (fps, values) => {
    const table = new FingerprintTable({ initialCapacity: 2, values });
    let slots = new Map<string, number>();
    fps.forEach(([hi, lo], i) => {
      if (table.full) {
        const map = table.grow();
        slots = new Map([...slots].map(([k, s]) => [k, map[s]!]));
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
});
