/**
 * The explorer's HTTP server (node:http, bound to 127.0.0.1): the page and its assets, and a
 * small JSON API over the built model. Requests are answered from the model and the request
 * alone; anything malformed is a 400 with a one-line message.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AllocModel } from '../../alloc/compile.js';
import type { ParamSpecs } from '../../core/params.js';
import { UsageError } from '../usage-error.js';
import { modelInfo, pathOfTrace, RequestError, stateAt } from './api.js';
import { loadAssets, type Asset } from './assets.js';
import { selectedProperties, streamCheck } from './check-stream.js';

/** Largest trace.json accepted for loading. */
const MAX_BODY = 8 * 2 ** 20;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new RequestError(413, `the trace is larger than ${MAX_BODY / 2 ** 20} MiB`));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Pages from other sites must not drive the API through a name that resolves here. */
function checkHost(req: IncomingMessage): void {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (host !== '127.0.0.1' && host !== 'localhost') throw new RequestError(400, `unexpected Host '${host.slice(0, 60)}'`);
}

type Handler = (url: URL, req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

function routes(model: AllocModel, specs: ParamSpecs, assets: ReadonlyMap<string, Asset>): Record<string, Handler> {
  const asset = (name: string, res: ServerResponse): void => {
    const a = assets.get(name);
    if (!a) throw new RequestError(404, `no such file '${name.slice(0, 60)}'`);
    res.writeHead(200, { 'content-type': a.type, 'cache-control': 'no-cache' });
    res.end(a.body);
  };
  return {
    'GET /': (_u, _q, res) => asset('index.html', res),
    'GET /assets': (url, _q, res) => asset(url.pathname.slice('/assets/'.length), res),
    'GET /api/model': (_u, _q, res) => json(res, 200, modelInfo(model, specs)),
    'GET /api/state': (url, _q, res) => json(res, 200, stateAt(model, url.searchParams.get('path'), url.searchParams.get('at'))),
    'GET /api/check': (url, _q, res) => streamCheck(model, selectedProperties(model, url.searchParams.get('property')), res),
    'POST /api/trace': async (_u, req, res) => json(res, 200, pathOfTrace(model, await readBody(req))),
  };
}

/** The route of a request: the method and path, with /assets/<name> as one route. */
function routeKey(req: IncomingMessage, url: URL): string {
  const path = url.pathname.startsWith('/assets/') ? '/assets' : url.pathname;
  return `${req.method} ${path}`;
}

/** The explorer's server for `model`, not yet listening. */
export function exploreServer(model: AllocModel, specs: ParamSpecs): Server {
  const table = routes(model, specs, loadAssets());
  return createServer((req, res) => {
    void (async () => {
      try {
        checkHost(req);
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const handler = table[routeKey(req, url)];
        if (!handler) throw new RequestError(req.method === 'GET' || req.method === 'POST' ? 404 : 405, `no such resource: ${req.method} ${url.pathname.slice(0, 60)}`);
        await handler(url, req, res);
      } catch (e) {
        if (res.headersSent) return void res.end();
        if (e instanceof RequestError) return json(res, e.status, { error: e.message });
        json(res, 500, { error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
      }
    })();
  });
}

/** Listens on 127.0.0.1 (`port` 0: a free one); a port in use is a UsageError of one line. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new UsageError(`port ${port} on 127.0.0.1 is in use; give another with --port N, or leave --port out for a free one`));
      else if (e.code === 'EACCES') reject(new UsageError(`port ${port} on 127.0.0.1 is not allowed for this user; give one above 1023`));
      else reject(e);
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
