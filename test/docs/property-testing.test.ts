import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The worked example in docs/property-testing.md is this file's sibling, byte for byte: the
// suite runs it as property-testing.example.test.ts, and this test keeps the two identical.
const doc = readFileSync(new URL('../../docs/property-testing.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('./property-testing.example.test.ts', import.meta.url), 'utf8');

describe('docs/property-testing.md', () => {
  it('its worked example is the test file the suite runs', () => {
    const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toBe(example);
  });

  it('imports only from the package, as a user would', () => {
    expect(example).toMatch(/from 'allocheck';/);
    expect(example).not.toMatch(/from '\.\.?\//);
  });
});
