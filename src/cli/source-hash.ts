/**
 * Hashes of the code a verdict depends on, for the verdict cache: allocheck's own files (the
 * engine, the language, the shipped models and properties) and a model's file. A change to any
 * of them changes the key, so a cached verdict is only reused for the code that produced it.
 */
import type { Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeCrypto } from './builtins.js';

/** sha256 of a string, hex. */
export function sha256(text: string | Uint8Array): string {
  return nodeCrypto().createHash('sha256').update(text).digest('hex');
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function addTree(hash: Hash, root: string, rel: string): void {
  const dir = join(root, rel);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const path = join(rel, name);
    if (statSync(join(root, path)).isDirectory()) addTree(hash, root, path);
    else if (/\.(ts|js|mjs|json)$/.test(name)) hash.update(`${path}\0`).update(readFileSync(join(root, path))).update('\0');
  }
}

let own: string | undefined;

/** The hash of allocheck's own code (its version and every source or built file); computed once. */
export function codeHash(): string {
  if (own !== undefined) return own;
  const root = packageRoot();
  const hash = nodeCrypto().createHash('sha256').update(readFileSync(join(root, 'package.json')));
  for (const tree of ['src', 'dist', 'models', 'properties']) addTree(hash, root, tree);
  return (own = hash.digest('hex'));
}

/** The hash of a model file's text (its own file: a file it imports is not covered). */
export function fileHash(path: string): string {
  return sha256(readFileSync(path));
}
