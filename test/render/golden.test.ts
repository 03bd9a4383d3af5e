import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { traceToDot } from '../../src/render/dot.js';
import { lassoTrace, seedCases, seedTrace } from './seed-traces.js';

const golden = (name: string): URL => new URL(`../golden/${name}.dot`, import.meta.url);

/** Compares with the stored DOT; UPDATE_GOLDEN=1 rewrites it instead. */
function expectGolden(name: string, dot: string): void {
  const file = golden(name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, dot);
  expect(existsSync(file), `${name}.dot is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true);
  expect(dot).toBe(readFileSync(file, 'utf8'));
}

describe('golden DOT of the seed counterexamples', () => {
  it.each(seedCases)('$name', ({ name, def, policy }) => {
    const dot = traceToDot(seedTrace(def, policy));
    expect(dot).not.toMatch(/\/work\/|\d+\.\d+ s\b|states\/s/);
    expectGolden(name, dot);
  });

  it('the hand-made nfs-ack lasso', () => {
    expectGolden('nfs-ack-retransmit-lasso', traceToDot(lassoTrace()));
  });
});
