/**
 * The explorer's own files (web/explore: the page, its modules and style), read once at start.
 * Only these names are ever served: a request names an asset, never a path, so nothing outside
 * the folder can be reached.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

/** The folder of the front end, found upwards from this file (the same from src/ or a build). */
export function assetDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'web', 'explore');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) throw new Error('the explorer front end (web/explore) is missing from this installation');
  }
}

/** Every asset by file name. */
export function loadAssets(dir = assetDir()): ReadonlyMap<string, Asset> {
  const out = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const ext = /^[a-z][a-z-]*\.(html|js|css)$/.exec(name)?.[1];
    if (ext) out.set(name, { type: TYPES[ext]!, body: readFileSync(join(dir, name)) });
  }
  return out;
}

/** The text of one front-end file, for pages that inline it (a trace's HTML file). */
export function assetText(name: string): string {
  return readFileSync(join(assetDir(), name), 'utf8');
}

/**
 * The trace viewer's style and script for a self-contained HTML file: panel.js and
 * trace-view.js pasted into one module, the import between them removed (a file opened from
 * disk cannot import its neighbours).
 */
export function viewerSources(): { css: string; script: string } {
  const strip = (text: string): string => text.replace(/^import [^;]* from '\.\/[a-z-]+\.js';\n/gm, '');
  return { css: assetText('style.css'), script: ['panel.js', 'trace-view.js'].map((n) => strip(assetText(n))).join('\n') };
}
