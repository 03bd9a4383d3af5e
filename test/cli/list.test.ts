import { describe, expect, it } from 'vitest';
import { policies } from '../../src/alloc/policies/index.js';
import { cli } from '../support/cli.js';

describe('allocheck list', () => {
  it('gives each policy one line: what it does, and what it does not', async () => {
    const r = await cli(['list']);
    expect(r.code).toBe(0);
    const section = r.out.slice(r.out.indexOf('\npolicies ('));
    const lines = section.slice(0, section.indexOf('\n\n')).split('\n');
    for (const p of policies) {
      expect(p.doesNot, `${p.name} says what it does not do`).toMatch(/\S/);
      const mine = lines.filter((l) => l.startsWith(`  ${p.name} `));
      expect(mine, p.name).toEqual([`  ${p.name.padEnd(22)} ${p.summary}; it ${p.doesNot}`]);
    }
  });

  it('says the same in --json', async () => {
    const json = JSON.parse((await cli(['list', '--json'])).out) as { policies: { name: string; summary: string; doesNot: string }[] };
    expect(json.policies).toEqual(policies.map((p) => ({ name: p.name, summary: p.summary, doesNot: p.doesNot })));
  });
});
