import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

let dir: string;
let trace: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'allocheck-trace-'));
  const r = await cli(['check', 'dm-raid1', '--policy', 'mempool-only', '--out', 'out'], dir);
  expect(r.code).toBe(1);
  trace = join(dir, 'out', 'trace-no-deadlock.json');
});

/** A copy of the good trace with `f` applied, written next to it; returns its path. */
function variant(name: string, f: (t: Record<string, unknown> & { steps: { text: string }[]; params: Record<string, unknown> }) => void): string {
  const t = JSON.parse(readFileSync(trace, 'utf8'));
  f(t);
  const file = join(dir, 'out', `${name}.json`);
  writeFileSync(file, JSON.stringify(t));
  return file;
}

describe('check --out', () => {
  it('writes the result and every counterexample file, and says where', async () => {
    for (const f of ['result.json', 'trace-no-deadlock.json', 'trace-no-deadlock.dot', 'trace-no-deadlock.svg', 'trace-no-deadlock.png', 'story-no-deadlock.md']) expect(existsSync(join(dir, 'out', f)), f).toBe(true);
    const r = await cli(['check', 'dm-raid1', '--policy', 'mempool-only', '--out', 'again'], dir);
    // writeout-progress fails by the same path as no-deadlock: its files are no-deadlock's.
    expect(r.out).toMatch(/wrote again\/result\.json, again\/trace-no-deadlock\.json, again\/trace-no-deadlock\.dot, again\/trace-no-deadlock\.svg, again\/trace-no-deadlock\.png, again\/story-no-deadlock\.md, again\/trace-no-deadlock\.html, again\/trace-recoverable\.json, .*again\/story-recoverable\.md, again\/trace-recoverable\.html\n$/);
    expect(r.out).toMatch(/dm-raid1 under mempool-only: no-deadlock violated \(deadlock\) after 12 steps, assuming daemon_reclaim_io=yes background=no inherit_noio=yes inflight=1:/);
    expect(r.out).toMatch(/ {2}11\. kmirrord takes a page for its request from the raid1 mempool \(0 left\) \[GFP_KERNEL\]/);
    expect(r.out).toMatch(/The wait-for cycle: kmirrord waits for kmirrord \(the md0 queue is full\)/);
  });

  it('result.json names its format, the allocheck version and each property\'s files; a shared counterexample once', () => {
    const json = JSON.parse(readFileSync(join(dir, 'out', 'result.json'), 'utf8'));
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(json).toMatchObject({ format: 'allocheck-result', version: 2, allocheck: version });
    const files = Object.fromEntries(json.properties.map((p: { name: string; files?: unknown }) => [p.name, p.files]));
    expect(files['no-deadlock']).toEqual({ trace: 'trace-no-deadlock.json', story: 'story-no-deadlock.md', html: 'trace-no-deadlock.html' });
    expect(files['writeout-progress']).toEqual({ trace: 'trace-no-deadlock.json', story: 'story-no-deadlock.md', html: 'trace-no-deadlock.html', sameAs: 'no-deadlock' });
    expect(files['recoverable']).toEqual({ trace: 'trace-recoverable.json', story: 'story-recoverable.md', html: 'trace-recoverable.html' });
    expect(existsSync(join(dir, 'out', 'trace-writeout-progress.json'))).toBe(false);
  });

  it('the story names the policy, the assumptions and the cycle', () => {
    const story = readFileSync(join(dir, 'out', 'story-no-deadlock.md'), 'utf8');
    expect(story).toMatch(/policy `mempool-only`/);
    expect(story).toMatch(/- daemon_reclaim_io=yes: kmirrord allocates with GFP_KERNEL-like rights/);
    expect(story).toMatch(/^12\. kmirrord cannot get a page above its floor.*\[GFP_KERNEL\]$/m);
    expect(story).toMatch(/The wait-for cycle: kmirrord waits for kmirrord/);
  });

  it('writes no trace files when every property holds', async () => {
    const r = await cli(['check', 'dm-raid1', '--policy', 'memalloc-inheritance', '--property', 'no-deadlock', '--out', 'safe'], dir);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'safe', 'trace-no-deadlock.json'))).toBe(false);
  });
});

describe('allocheck replay', () => {
  it('confirms a good trace: exit 0', async () => {
    const r = await cli(['replay', 'out/trace-no-deadlock.json'], dir);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('confirmed: out/trace-no-deadlock.json replays exactly (dm-raid1 under mempool-only: no-deadlock violated (deadlock) after 12 steps)\n');
  });

  it('a hand-edited step: exit 1 naming the step and the field', async () => {
    const file = variant('edited', (t) => (t.steps[4]!.text = 'dirtier1 does something else'));
    const r = await cli(['replay', file], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/NOT confirmed: .*edited\.json: step 5 does not follow: text: recorded "dirtier1 does something else", replayed "dirtier1 cannot get a page/);
  });

  it('a stale trace (the model takes other parameters now): exit 1 with why', async () => {
    const file = variant('stale', (t) => (t.params.pool = 99));
    const r = await cli(['replay', file], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/its header or initial state does not match the model: the model no longer accepts the recorded parameters or policy: parameter pool=99 is out of range 0\.\.4/);
  });

  it.each([
    ['a truncated file', () => { const f = join(dir, 'out', 'cut.json'); writeFileSync(f, readFileSync(trace, 'utf8').slice(0, 300)); return f; }, /not a valid trace: not JSON/],
    ['a file that is not a trace', () => variant('foreign', (t) => (t.format = 'itf')), /not a valid trace: format must be 'allocheck-trace'/],
    ['a missing file', () => join(dir, 'nope.json'), /cannot read '.*nope\.json': no such file or directory/],
    ['an unknown model', () => variant('unknown', (t) => (t.model = 'dm-raid9')), /unknown model 'dm-raid9'/],
  ])('%s: exit 2, one line', async (_, make, message) => {
    const r = await cli(['replay', make()], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('allocheck replay of a lasso', () => {
  /** A liveness counterexample written by check --out (the trace path), after `edit` when given. */
  async function lasso(out: string, args: readonly string[], edit?: (t: Record<string, unknown>) => void): Promise<string> {
    const r = await cli(['check', ...args, '--property', 'writeout-progress', '--out', out, '--quiet'], dir);
    expect(r.code).toBe(1);
    const file = join(dir, out, 'trace-writeout-progress.json');
    if (edit) {
      const t = JSON.parse(readFileSync(file, 'utf8'));
      edit(t);
      writeFileSync(file, JSON.stringify(t));
    }
    return file;
  }

  it("confirms the checker's lasso (nfs-ack, retransmit=yes, policy none): exit 0", async () => {
    const r = await cli(['replay', await lasso('nfs', ['nfs-ack', '--param', 'retransmit=yes'])], dir);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^confirmed: .*writeout-progress violated \(livelock\) on a cycle of 6 steps repeating forever\)\n$/);
  });

  it('a lasso found with --unfair replays under the recorded fairness, and not under fair settings', async () => {
    const file = await lasso('starved', ['bio-mempool', '--policy', 'mempool-only', '--unfair', 'disk-irq']);
    expect(JSON.parse(readFileSync(file, 'utf8')).fairness['disk-irq']).toBe('none');
    expect((await cli(['replay', file], dir)).code).toBe(0);
    const fair = await cli(['replay', file, '--fair', 'disk-irq=weak'], dir);
    expect(fair.code).toBe(1);
    expect(fair.out).toMatch(/^NOT confirmed: .*trace-writeout-progress\.json: every step follows, but the path no longer violates writeout-progress: the cycle is unfair: disk-irq \[kswapd\] is enabled throughout the cycle \(steps \d+\.\.\d+, weak fairness\) but never takes a step on it\n$/);
    const unknown = await cli(['replay', file, '--fair', 'disk=weak'], dir);
    expect(unknown).toMatchObject({ code: 2, err: expect.stringMatching(/--fair\/--unfair names 'disk', which is not an actor of the trace; actors and kinds: .*disk-irq/) });
  });

  it('a hand-edited fairness makes the cycle unfair: exit 1', async () => {
    const file = await lasso('edited-fairness', ['bio-mempool', '--policy', 'mempool-only', '--unfair', 'disk-irq'], (t) => ((t.fairness as Record<string, string>)['disk-irq'] = 'strong'));
    const r = await cli(['replay', file], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/the cycle is unfair: disk-irq \[kswapd\] is enabled on the cycle \(steps \d+\.\.\d+, strong fairness\) but never takes a step on it\n$/);
  });

  it('a loop that does not close: exit 1', async () => {
    const file = await lasso('unclosed', ['nfs-ack', '--param', 'retransmit=yes'], (t) => (t.loopStart = (t.loopStart as number) + 1));
    const r = await cli(['replay', file], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/every step follows, but the path no longer violates writeout-progress: the cycle does not close: the state after the last step \(15\) is not the state after step 10\n$/);
  });
});

describe('a model given by path', () => {
  it('records the file relative to the trace, and replay takes it from --model anywhere', async () => {
    const repo = new URL('../../', import.meta.url).pathname;
    const text = readFileSync(join(repo, 'models', 'fuse-writeback.ts'), 'utf8').replace(/'\.\.\/src\//g, `'${repo}src/`);
    writeFileSync(join(dir, 'myfuse.ts'), text);
    const r = await cli(['check', './myfuse.ts', '--out', 'mine/x', '--quiet'], dir);
    expect(r.code).toBe(1);
    const t = JSON.parse(readFileSync(join(dir, 'mine', 'x', 'trace-no-deadlock.json'), 'utf8'));
    expect(t.source).toBe('../../myfuse.ts');
    const back = await cli(['replay', join(dir, 'mine', 'x', 'trace-no-deadlock.json'), '--model', join(dir, 'myfuse.ts')], repo);
    expect(back.code).toBe(0);
  });
});

describe('allocheck render', () => {
  it('--format html replays the trace first: a hand-edited one is refused with the step', async () => {
    const file = variant('edited-html', (t) => (t.steps[4]!.text = 'dirtier1 does something else'));
    const r = await cli(['render', file, '--format', 'html', '-o', 'x.html'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^allocheck: .*edited-html\.json: cannot replay it for the page: step 5: text: recorded "dirtier1 does something else"/);
  });

  it.each([
    ['dot', /^digraph counterexample \{/],
    ['svg', /<svg[\s\S]*kmirrord[\s\S]*<\/svg>/],
    ['md', /^# dm-raid1 under mempool-only/],
    ['txt', /^dm-raid1 under mempool-only: no-deadlock violated/],
    ['mermaid', /^sequenceDiagram\n {2}participant a0 as dirtier1 \(dirtier\)\n/],
    ['html', /^<!doctype html>[\s\S]*<svg[\s\S]*"panels":\[/],
  ])('--format %s to stdout', async (format, shape) => {
    const r = await cli(['render', 'out/trace-no-deadlock.json', '--format', format], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(shape);
  });

  it('the DOT is the same as check --out wrote', async () => {
    const r = await cli(['render', 'out/trace-no-deadlock.json', '--format', 'dot'], dir);
    expect(r.out).toBe(readFileSync(join(dir, 'out', 'trace-no-deadlock.dot'), 'utf8'));
  });

  it('--format png -o FILE writes a PNG', async () => {
    const r = await cli(['render', 'out/trace-no-deadlock.json', '--format', 'png', '-o', 'x.png'], dir);
    expect(r).toMatchObject({ code: 0, out: 'wrote x.png\n' });
    expect([...readFileSync(join(dir, 'x.png')).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it.each([
    [['render', 'out/trace-no-deadlock.json', '--format', 'gif'], /^allocheck: unknown format 'gif'; known: dot, svg, png, md, txt, mermaid, html\n$/],
    [['render', 'out/trace-no-deadlock.json', '--format', 'png'], /^allocheck: png is binary: give -o FILE\n$/],
    [['render'], /^allocheck: render needs a trace file/],
  ])('bad input %j: exit 2', async (args, message) => {
    const r = await cli(args, dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
