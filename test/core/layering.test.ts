import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
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
});
