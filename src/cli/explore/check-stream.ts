/**
 * "check" on the explorer's page: the search runs in the server's thread, a slice at a time
 * (checkAsync), and streams its progress as server-sent events; the result names each
 * property's status and the replay token of the first counterexample, which the page loads
 * into its timeline. Closing the page's stream aborts the search.
 */
import type { ServerResponse } from 'node:http';
import type { AllocModel } from '../../alloc/compile.js';
import { checkAsync } from '../../core/check.js';
import { RequestError } from './api.js';

/** The property names a check request selects (`?property=a,b`), each one of the model's. */
export function selectedProperties(model: AllocModel, raw: string | null): string[] | undefined {
  if (raw === null || raw === '') return undefined;
  const known = model.properties.map((p) => p.name);
  const names = raw.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.find((n) => !known.includes(n));
  if (unknown !== undefined) throw new RequestError(400, `unknown property '${unknown.slice(0, 40)}'; known: ${known.join(', ')}`);
  return names;
}

function send(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Runs the check and streams `progress` events, then one `result` (or `failed`) event. */
export async function streamCheck(model: AllocModel, properties: string[] | undefined, res: ServerResponse): Promise<void> {
  const stop = new AbortController();
  res.on('close', () => stop.abort());
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  send(res, 'progress', { states: 0, depth: 0, seconds: 0 });
  try {
    const result = await checkAsync(model, {
      ...(properties ? { properties } : {}),
      signal: stop.signal,
      progressIntervalMs: 200,
      onProgress: (p) => send(res, 'progress', { states: p.states, depth: p.depth, seconds: p.seconds }),
    });
    const found = result.properties.find((p) => p.status === 'violated' && p.counterexample);
    send(res, 'result', {
      verdict: result.verdict,
      ...(result.incomplete ? { incomplete: result.incomplete } : {}),
      states: result.stats.states,
      seconds: result.stats.seconds,
      properties: result.properties.map((p) => ({ name: p.name, status: p.status, ...(p.failure ? { failure: p.failure } : {}) })),
      ...(found ? { counterexample: { property: found.name, path: found.counterexample!.choices, ...(found.counterexample!.loopStart === undefined ? {} : { loopStart: found.counterexample!.loopStart }) } } : {}),
    });
  } catch (e) {
    send(res, 'failed', { message: e instanceof Error ? e.message.split('\n')[0] : String(e) });
  }
  res.end();
}
