/**
 * A verdict cache in front of a cell runner (`matrix --cache DIR`). An entry is keyed by
 * everything a verdict depends on: allocheck's code, the model's file, the policy, every
 * parameter, the properties and the limits. Each entry carries a checksum of its contents; an
 * entry that does not parse, whose checksum or key does not match, is ignored and the cell is
 * checked again (and the entry rewritten), never trusted. Only verdicts a re-run would repeat
 * are stored: not those cut short by a time limit, memory or an interrupt.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { ResultJson } from '../result-json.js';
import { codeHash, fileHash, sha256 } from '../source-hash.js';
import type { CellJob, CellReply, CellRunner } from './protocol.js';

/** How many cells came from the cache, and how many entries were found damaged. */
export interface CacheCounts {
  hits: number;
  misses: number;
  damaged: number;
}

const REPEATABLE = new Set([undefined, 'max-states', 'max-depth']);

/** The cache key of a job: a hash of a canonical description of its inputs. */
export function cacheKey(job: CellJob, modelHash: (model: string) => string): string {
  const params = Object.keys(job.params).sort().map((k) => [k, job.params[k]]);
  const limits = Object.keys(job.limits).sort().map((k) => [k, (job.limits as Record<string, unknown>)[k]]);
  return sha256(JSON.stringify({ code: codeHash(), model: job.model, source: modelHash(job.model), policy: job.policy ?? null, params, limits, paths: job.paths ?? 'actions' }));
}

function read(path: string, key: string): ResultJson | 'missing' | 'damaged' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return 'missing';
  }
  try {
    const entry = JSON.parse(text) as { key?: unknown; checksum?: unknown; result?: unknown };
    if (entry.key !== key || typeof entry.checksum !== 'string' || entry.checksum !== sha256(JSON.stringify(entry.result))) return 'damaged';
    return entry.result as ResultJson;
  } catch {
    return 'damaged';
  }
}

function write(dir: string, key: string, result: ResultJson): void {
  const tmp = join(dir, `.${key}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify({ key, checksum: sha256(JSON.stringify(result)), result }) + '\n');
  renameSync(tmp, join(dir, `${key}.json`));
}

/**
 * Wraps `inner` so that cells whose inputs are unchanged since an earlier run come from `dir`.
 *
 * @example const runner = cachedRunner(workerPool(2), '.allocheck-cache', counts);
 */
export function cachedRunner(inner: CellRunner, dir: string, counts: CacheCounts): CellRunner {
  mkdirSync(dir, { recursive: true });
  const hashes = new Map<string, string>();
  const modelHash = (model: string): string => {
    let h = hashes.get(model);
    if (h === undefined) hashes.set(model, (h = isAbsolute(model) ? fileHash(model) : 'shipped'));
    return h;
  };
  return {
    async run(job: CellJob): Promise<CellReply> {
      const key = cacheKey(job, modelHash);
      const found = read(join(dir, `${key}.json`), key);
      if (typeof found === 'object') {
        counts.hits++;
        return { id: job.id, ok: true, json: found };
      }
      if (found === 'damaged') counts.damaged++;
      counts.misses++;
      const reply = await inner.run(job);
      if (reply.ok && REPEATABLE.has(reply.json.incomplete)) write(dir, key, reply.json);
      return reply;
    },
    abort: () => inner.abort(),
    close: () => inner.close(),
  };
}
