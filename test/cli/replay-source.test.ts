import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const repo = new URL('../../', import.meta.url).pathname;
let dir: string;

/** The trace `check --out out` wrote, edited by `f` and written to `name` (away from result.json). */
function edited(from: string, name: string, f: (t: Record<string, unknown>) => void): string {
  const t = JSON.parse(readFileSync(join(dir, from, 'trace-no-deadlock.json'), 'utf8')) as Record<string, unknown>;
  f(t);
  writeFileSync(join(dir, name), JSON.stringify(t));
  return name;
}

/** A model file that, if anything imported it, would leave a mark. */
function trap(): string {
  writeFileSync(join(dir, 'evil.ts'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(join(dir, 'ran'))}, 'yes');\nexport default {};\n`);
  return 'evil.ts';
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'allocheck-replay-'));
  const text = readFileSync(join(repo, 'models', 'fuse-writeback.ts'), 'utf8').replace(/'\.\.\/src\//g, `'${repo}src/`);
  writeFileSync(join(dir, 'myfuse.ts'), text);
  expect((await cli(['check', './myfuse.ts', '--property', 'no-deadlock', '--out', 'mine', '--quiet'], dir)).code).toBe(1);
  expect((await cli(['check', 'dm-raid1', '--policy', 'mempool-only', '--property', 'no-deadlock', '--out', 'raid', '--quiet'], dir)).code).toBe(1);
  writeFileSync(join(dir, 'reserve.ts'), RESERVE);
  expect((await cli(['check', 'dm-raid1', '--policy', 'mempool-only+./reserve.ts', '--param', 'min=1', '--param', 'kernel=modern', '--property', 'no-deadlock', '--out', 'own', '--quiet'], dir)).code).toBe(1);
}, 60_000);

/** A policy of the user's own: a daemon serving a request may use the reserve. */
const RESERVE = `import { definePolicy, GFP_MEMALLOC } from '${repo}src/index.js';
export default definePolicy({
  name: 'daemon-reserve',
  summary: 'a daemon serving a request may use the reserve',
  hooks: { context: (site, mask) => (site.serving ? mask | GFP_MEMALLOC : mask) },
});
`;

describe('replay of a trace recorded under a policy file of your own', () => {
  it('records the file and its hash, and replays with --policy FILE (exit 0)', async () => {
    const t = JSON.parse(readFileSync(join(dir, 'own', 'trace-no-deadlock.json'), 'utf8')) as { policy: string; policyFiles: unknown };
    expect(t.policy).toBe('mempool-only+daemon-reserve');
    expect(t.policyFiles).toEqual([{ name: 'daemon-reserve', source: '../reserve.ts', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const r = await cli(['replay', 'own/trace-no-deadlock.json', '--policy', './reserve.ts'], dir);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/^confirmed: own\/trace-no-deadlock\.json replays exactly \(dm-raid1 under mempool-only\+daemon-reserve: /);
  });

  it.each([
    ['without --policy', [], /^allocheck: own\/trace-no-deadlock\.json was recorded under the policy file '\.\.\/reserve\.ts' \(policy 'daemon-reserve'\); replay runs no code a trace names: give the file with --policy\n$/],
    ['a missing file', ['--policy', './gone.ts'], /^allocheck: cannot read policy file '\.\/gone\.ts': no such file or directory\n$/],
    ['a file that changed since', ['--policy', 'changed.ts'], /^allocheck: --policy changed\.ts is not a policy file own\/trace-no-deadlock\.json was recorded under \(its text hashes [0-9a-f]{12}\); it records \.\.\/reserve\.ts \(policy daemon-reserve\), and a file that has changed since is not replayed\n$/],
    ['a policy file under a trace that records none', ['--policy', './reserve.ts'], /it records none\n$/, 'raid'],
  ])('%s: refused (exit 2, one line), nothing loaded', async (_, extra, message, run = 'own') => {
    writeFileSync(join(dir, 'changed.ts'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(join(dir, 'ran'))}, 'yes');\n${RESERVE}`);
    const r = await cli(['replay', `${run}/trace-no-deadlock.json`, ...extra], dir);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toMatch(message);
    expect(() => readFileSync(join(dir, 'ran'))).toThrow();
  });
});

describe('replay runs no code a trace names', () => {
  it.each([
    ['a source naming another file', (t: Record<string, unknown>) => (t.source = trap()), /^allocheck: bad\.json was recorded from the model file 'evil\.ts'; replay runs no code a trace names: give the file with --model\n$/],
    ['a model name that is a path', (t: Record<string, unknown>) => ((t.model = './evil.ts'), delete t.source), /^allocheck: bad\.json names unknown model '\.\/evil\.ts'; known: .*dm-raid1/],
    ['a source of /etc/passwd', (t: Record<string, unknown>) => (t.source = '/etc/passwd'), /was recorded from the model file '\/etc\/passwd'; replay runs no code/],
  ])('%s: refused (exit 2), nothing loaded', async (_, f, message) => {
    trap();
    const r = await cli(['replay', edited('mine', 'bad.json', f)], dir);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toMatch(message);
    expect(() => readFileSync(join(dir, 'ran'))).toThrow();
  });

  it('--model FILE replays a trace recorded from that file; another file is refused', async () => {
    expect((await cli(['replay', 'mine/trace-no-deadlock.json', '--model', './myfuse.ts'], dir)).code).toBe(0);
    const other = await cli(['replay', 'mine/trace-no-deadlock.json', '--model', trap()], dir);
    expect([other.code, other.err]).toEqual([2, expect.stringMatching(/^allocheck: mine\/trace-no-deadlock\.json was recorded from '\.\.\/myfuse\.ts', not from --model evil\.ts; refusing to replay it against another model\n$/)]);
    expect(() => readFileSync(join(dir, 'ran'))).toThrow();
    const shipped = await cli(['replay', 'raid/trace-no-deadlock.json', '--model', './myfuse.ts'], dir);
    expect([shipped.code, shipped.err]).toEqual([2, expect.stringMatching(/^allocheck: raid\/trace-no-deadlock\.json was recorded from 'dm-raid1', not from --model \.\/myfuse\.ts/)]);
  });
});

describe('a trace must say everything it was recorded with', () => {
  it.each([
    ['a parameter missing', (t: Record<string, unknown>) => delete (t.params as Record<string, unknown>).pool, /^allocheck: odd\.json records no value for parameter 'pool' of dm-raid1; a trace records every parameter\n$/],
    ['fairness naming an actor the model lacks', (t: Record<string, unknown>) => (t.fairness = { ghost: 'weak' }), /^allocheck: odd\.json gives fairness to 'ghost', which is not an actor of dm-raid1; actors: dirtier1, dirtier2, kswapd, kmirrord, disk-irq\n$/],
  ])('%s: exit 2, one line', async (_, f, message) => {
    const r = await cli(['replay', edited('raid', 'odd.json', f)], dir);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toMatch(message);
  });
});
