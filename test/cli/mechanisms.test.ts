import { describe, expect, it } from 'vitest';
import { mechanisms } from '../../src/api/mechanisms.js';
import { modelNamed } from '../../src/api/models.js';
import { cli } from '../support/cli.js';

describe('allocheck matrix --mechanisms', () => {
  it('every row names a shipped model, and parameters and policies it declares', () => {
    for (const row of mechanisms) {
      const def = modelNamed(row.model);
      for (const s of [row.without, row.with]) {
        for (const name of Object.keys({ ...row.params, ...s.params })) expect(Object.keys(def.params), `${row.mechanism}: ${name}`).toContain(name);
        for (const p of s.policy.split('+')) expect(def.policies, `${row.mechanism}: ${p}`).toContain(p);
      }
    }
  });

  it('--json gives each row with both verdicts as the explorer found them', async () => {
    const r = await cli(['matrix', '--mechanisms', '--json', '--quiet']);
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.out) as { mechanisms: { mechanism: string; without: { verdict: string }; with: { verdict: string } }[] }).mechanisms;
    expect(rows.map((l) => l.mechanism)).toEqual(mechanisms.map((m) => m.mechanism));
    const reaper = rows.find((l) => l.mechanism.startsWith('oom_reaper'))!;
    expect([reaper.without.verdict, reaper.with.verdict]).toEqual(['oom-victim-stuck', 'holds']);
  }, 120_000);

  it.each([
    [['matrix', '--mechanisms', 'dm-raid1'], /^allocheck: --mechanisms takes no model \(got dm-raid1\): its rows name their scenarios\n$/],
    [['matrix', '--mechanisms', '--sweep', 'pages=5..6'], /^allocheck: --mechanisms takes no --sweep: each row fixes its own settings\n$/],
    [['matrix', '--mechanisms', '--csv'], /^allocheck: --mechanisms prints text, --markdown or --json, not --csv\n$/],
  ])('bad input %j: one line, exit 2', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
