import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The modules `file` loads when it runs: its imports and re-exports, not those of types only. */
const runtimeImportsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)(\s+type\b)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].filter((m) => !m[1]).map((m) => m[2]!);

/** A cycle of `graph` (each file's imports inside it) as a path that closes, or undefined. */
function cycleIn(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (f: string): string[] | undefined => {
    const at = path.indexOf(f);
    if (at >= 0) return [...path.slice(at), f];
    if (done.has(f)) return undefined;
    path.push(f);
    for (const g of graph.get(f) ?? []) {
      const found = visit(g);
      if (found) return found;
    }
    path.pop();
    done.add(f);
    return undefined;
  };
  for (const f of graph.keys()) {
    const found = visit(f);
    if (found) return found;
  }
  return undefined;
}

const importsOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

describe('layering', () => {
  it('src/core imports only from src/core and never touches process, console or fs', () => {
    for (const file of files('src/core')) {
      for (const spec of importsOf(file)) {
        // Relative imports only (no packages), and each resolves inside src/core (a folder of
        // src/core, such as src/core/simulate, may import its parent's files).
        expect(spec.startsWith('./') || spec.startsWith('../'), `${file} imports ${spec}`).toBe(true);
        const target = relative(resolve('src/core'), resolve(dirname(file), spec));
        expect(target.startsWith('..'), `${file} imports ${spec}, outside src/core`).toBe(false);
      }
      const text = readFileSync(file, 'utf8');
      expect(/\bprocess\.|\bconsole\.|node:fs/.test(text), `${file} touches process, console or fs`).toBe(false);
    }
  });

  it('only src/cli touches process, console and fs; render, alloc and api never import the cli', () => {
    for (const dir of ['src/alloc', 'src/render', 'src/api']) {
      let list: string[] = [];
      try {
        list = files(dir);
      } catch {
        continue;
      }
      for (const file of list) {
        for (const spec of importsOf(file)) expect(spec.includes('/cli/'), `${file} imports ${spec}`).toBe(false);
        expect(/\bprocess\.(argv|exit|stdout)|\bconsole\./.test(readFileSync(file, 'utf8')), `${file} touches argv/stdout`).toBe(false);
        expect(/node:(fs|worker_threads|child_process)/.test(readFileSync(file, 'utf8')), `${file} touches files or threads`).toBe(false);
      }
    }
  });

  it('src/alloc never imports properties/: the properties register themselves with it', () => {
    const properties = resolve('properties');
    for (const file of files('src/alloc')) {
      // Every module a file names: static imports, bare imports for effect, dynamic imports.
      const specs = [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport\s*\(?)\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      for (const spec of specs) {
        const target = relative(properties, resolve(dirname(file), spec));
        expect(target.startsWith('..'), `${file} imports ${spec}, inside properties/`).toBe(true);
      }
    }
  });

  it('src/alloc has no import cycle among the modules it runs (a module half-loaded when another reads it)', () => {
    const root = resolve('src/alloc');
    const graph = new Map<string, string[]>();
    for (const file of files('src/alloc')) {
      const inside = runtimeImportsOf(file).filter((spec) => spec.startsWith('.')).map((spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
      graph.set(resolve(file), inside.filter((t) => !relative(root, t).startsWith('..')));
    }
    expect(cycleIn(graph)?.map((f) => relative(root, f))).toBeUndefined();
  });

  it('the cycle finder finds a cycle', () => {
    expect(cycleIn(new Map([['a', ['b']], ['b', ['c']], ['c', ['b']]]))).toEqual(['b', 'c', 'b']);
    expect(cycleIn(new Map([['a', ['b']], ['b', []]]))).toBeUndefined();
  });
});
