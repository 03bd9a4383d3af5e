import type { Server } from 'node:http';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dm from '../../models/dm-raid1.js';
import { exploreServer, listen } from '../../src/cli/explore/server.js';
import { check } from '../../src/core/check.js';
import { traceToJson } from '../../src/render/trace-json.js';
import { seedTrace } from '../render/seed-traces.js';

const model = dm.build({}, 'mempool-only');
let server: Server;
let base: string;
let choices: readonly number[];

beforeAll(async () => {
  server = exploreServer(model, dm.params);
  base = `http://127.0.0.1:${await listen(server, 0)}`;
  choices = check(model, { properties: ['no-deadlock'] }).properties[0]!.counterexample!.choices;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(base + path, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A raw request, for paths fetch would normalise and headers it would not send. */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(base + '/', { path, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the explorer API', () => {
  it('answers the state at a path with its timeline, panel and enabled moves', async () => {
    const { status, body } = await get(`/api/state?path=${choices.join('.')}`);
    expect(status).toBe(200);
    expect(body.at).toBe(12);
    expect((body.steps as unknown[]).length).toBe(12);
    expect(body.moves).toEqual([]);
    const panel = body.panel as { free: number; end: { kind: string; lines: string[] }; waitsFor: { from: string; to: string; onCycle: boolean }[] };
    expect(panel.free).toBe(2);
    expect(panel.end.kind).toBe('deadlock');
    expect(panel.waitsFor.filter((e) => e.onCycle).map((e) => `${e.from}>${e.to}`)).toEqual(['kmirrord>kmirrord']);
  });

  it('gives each enabled move the context it allocates in, in successor order', async () => {
    const { body } = await get('/api/state?path=0');
    const moves = body.moves as { index: number; actor: string; context?: string }[];
    expect(moves.map((m) => m.index)).toEqual(moves.map((_, i) => i));
    expect(moves[0]).toMatchObject({ actor: 'dirtier1', context: 'GFP_KERNEL' });
  });

  it('shows an earlier position of a path with `at`', async () => {
    const { body } = await get(`/api/state?path=${choices.join('.')}&at=4`);
    expect(body).toMatchObject({ at: 4, panel: { free: 2 } });
    expect((body.moves as unknown[]).length).toBeGreaterThan(0);
  });

  it.each([
    ['an index no state has', '0.99', /^path does not follow: step 1: successor 99 does not exist \(\d+ enabled\)$/],
    ['an initial state the model lacks', '7', /^path does not follow: initial state 7 does not exist/],
    ['other characters', '0.1;rm', /^bad path '0\.1;rm'/],
    ['a file path', '../../etc/passwd', /^bad path/],
    ['too many steps', `0${'.0'.repeat(2_001)}`, /^path too long: 2001 steps \(at most 2000\)$/],
  ])('refuses a path with %s: a 400 and one line', async (_what, path, message) => {
    const { status, body } = await get(`/api/state?path=${encodeURIComponent(path)}`);
    expect(status).toBe(400);
    expect(body.error).toMatch(message);
  });

  it('refuses a position beyond the path', async () => {
    expect(await get('/api/state?path=0.0&at=5')).toEqual({ status: 400, body: { error: "bad step '5': the path has steps 0 to 1" } });
  });

  it('serves only its own assets', async () => {
    expect((await raw('/assets/app.js')).status).toBe(200);
    for (const path of ['/assets/../package.json', '/assets/..%2fpackage.json', '/assets/%2e%2e/src/index.ts', '/package.json', '/assets/']) {
      const r = await raw(path);
      expect(r.status, path).toBe(404);
      expect(r.text).not.toContain('allocheck-trace');
    }
  });

  it('refuses requests for another host name and methods it does not know', async () => {
    expect((await raw('/api/model', { host: 'attacker.example' })).status).toBe(400);
    expect((await get('/api/state', { method: 'DELETE' })).status).toBe(405);
  });

  it('streams a check as server-sent events, ending with the counterexample', async () => {
    const text = await (await fetch(`${base}/api/check?property=no-deadlock`)).text();
    expect(text.startsWith('event: progress\n')).toBe(true);
    const result = JSON.parse(/event: result\ndata: (.*)\n/.exec(text)![1]!);
    expect(result).toMatchObject({ verdict: 'violated', counterexample: { property: 'no-deadlock', path: [...choices] } });
    expect((await get('/api/check?property=no-such')).body.error).toMatch(/^unknown property 'no-such'; known: no-deadlock/);
  });

  it('loads a trace of this model and refuses one of another', async () => {
    const mine = await get('/api/trace', { method: 'POST', body: traceToJson(seedTrace(dm, 'mempool-only')) });
    expect(mine).toEqual({ status: 200, body: { path: [...choices], property: 'no-deadlock' } });
    const other = await get('/api/trace', { method: 'POST', body: traceToJson(seedTrace(dm, 'mempool-only', { pages: 6 })) });
    expect(other.status).toBe(400);
    expect(other.body.error).toMatch(/^the trace is not of the model explored here \(trace\.params\.pages: recorded 6, replayed 7\)$/);
    expect((await get('/api/trace', { method: 'POST', body: '{"format":"x"}' })).body.error).toMatch(/^not a valid trace: format/);
  });
});
