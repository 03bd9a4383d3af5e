import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import * as context from '../../src/alloc/context.js';
import { spawnCli } from '../support/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(join(root, 'docs/writing-policies.md'), 'utf8');
const policyFile = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)][0]![1]!;
const commands = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)][0]![1]!.trim().split('\n');

/** The doc's policy file, written outside the repository as a user would have it. */
function userDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'allocheck-policy-'));
  writeFileSync(join(dir, 'daemon-reserve.ts'), policyFile);
  return dir;
}

/** Runs one of the doc's commands with the real binary, from `dir`. */
function run(line: string, dir: string, extra: string[] = []) {
  const [npx, allocheck, ...args] = line.split(/\s+/);
  expect([npx, allocheck]).toEqual(['npx', 'allocheck']);
  return spawnCli([...args, ...extra], dir);
}

describe('docs/writing-policies.md', () => {
  it('its policy file imports only the public API, and the API exports every context constant', () => {
    expect([...policyFile.matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual(['allocheck']);
    const constants = Object.keys(context).filter((k) => /^[A-Z][A-Z_]*$/.test(k));
    expect(constants).toContain('GFP_MEMALLOC');
    for (const name of constants) expect(api, name).toHaveProperty(name, (context as Record<string, unknown>)[name]);
  });

  it('check, matrix and synth take the file as the text says', async () => {
    const dir = userDir();
    const [alone, combined, matrix, synth] = commands;
    const [a, c, m, s] = await Promise.all([run(alone!, dir, ['--json']), run(combined!, dir, ['--json']), run(matrix!, dir, ['--json']), run(synth!, dir)]);
    expect(JSON.parse(a.out)).toMatchObject({ model: 'dm-raid1', policy: 'daemon-reserve', verdict: 'holds' });
    expect(a.code).toBe(0);
    expect(JSON.parse(c.out)).toMatchObject({ policy: 'mempool-only+daemon-reserve', verdict: 'holds' });
    const cells = (JSON.parse(m.out) as { cells: { policy: string; swept: { pages: number }; verdict: string }[] }).cells;
    expect(cells.map((x) => `${x.policy} ${x.swept.pages} ${x.verdict}`)).toEqual([
      'none 6 deadlock', 'daemon-reserve 6 holds', 'mempool-only+daemon-reserve 6 holds',
      'none 7 deadlock', 'daemon-reserve 7 holds', 'mempool-only+daemon-reserve 7 holds',
    ]);
    expect(m.code).toBe(1);
    expect(s.out).toMatch(/^answer: min = 2 /m);
    expect(s.code).toBe(0);
  }, 120_000);

  it('a policy that does not apply, a missing file and a file without a policy are one line, exit 2', async () => {
    const dir = userDir();
    writeFileSync(join(dir, 'not-a-policy.ts'), 'export default 42;\n');
    writeFileSync(join(dir, 'shadow.ts'), "import { definePolicy } from 'allocheck';\nexport default definePolicy({ name: 'mempool-only', summary: 'a second one' });\n");
    const shown = doc.match(/\$ (npx allocheck check nfs-ack .*)\n(allocheck: .*)\n/)!;
    const runs = await Promise.all([
      run(shown[1]!, dir),
      spawnCli(['check', 'dm-raid1', '--policy', 'mempool-only+./missing.ts'], dir),
      spawnCli(['matrix', 'dm-raid1', '--policies', './not-a-policy.ts'], dir),
      spawnCli(['synth', 'dm-raid1', '--policy', './shadow.ts', '--find', 'min'], dir),
    ]);
    expect(runs.map((r) => r.err.split('\n')[0])).toEqual([
      shown[2],
      expect.stringMatching(/^allocheck: cannot load policy '\.\/missing\.ts': /),
      "allocheck: './not-a-policy.ts' does not export a policy: its default export must be a definePolicy({ name, summary, ... })",
      "allocheck: policy 'mempool-only' is named twice: rename the policy of your own",
    ]);
    for (const r of runs) {
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.code).toBe(2);
    }
  }, 120_000);

  it('worker threads load the file: two threads find what one finds', async () => {
    const dir = userDir();
    const args = ['check', 'dm-raid1', '--policy', 'mempool-only+./daemon-reserve.ts', '--param', 'dirtiers=4', '--param', 'pages=9', '--param', 'background=yes', '--param', 'queue=2',
      '--property', 'no-deadlock,reserve-integrity,pages-conserved', '--no-symmetry', '--json'];
    const [one, two] = await Promise.all([spawnCli([...args, '--workers', '1'], dir), spawnCli([...args, '--workers', '2'], dir)]);
    const [j1, j2] = [JSON.parse(one.out), JSON.parse(two.out)];
    expect(j2.stats.workers).toBe(2);
    expect({ verdict: j2.verdict, states: j2.stats.states }).toEqual({ verdict: j1.verdict, states: j1.stats.states });
  }, 180_000);
});
