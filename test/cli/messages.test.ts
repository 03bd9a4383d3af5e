// Bad input gets one line that says what is wrong and where: a model file that does not
// compile or load, an option value, a broken Model, a trace full of terminal control bytes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import { CheckError } from '../../src/core/errors.js';
import { printable } from '../../src/cli/printable.js';
import { cli, spawnCli } from '../support/cli.js';

const counter = new URL('../../models/counter.ts', import.meta.url).pathname;

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'allocheck-msg-')), name);
  writeFileSync(path, text);
  return path;
}

describe('messages a user can act on', () => {
  it('a syntax error in a model file names the file, line, column and reason', async () => {
    const path = file('broken.ts', "import counter from 'allocheck';\nconst a = ;\nexport default a;\n");
    const r = await spawnCli(['check', path]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`allocheck: cannot load model '${path}': syntax error at ${path}:2:10: Unexpected ";"\n`);
  });

  it('a .js model written as an ES module loads as one', async () => {
    // As a user's plain JavaScript would: from the package, not from its TypeScript sources.
    const path = file('mine.js', `import def from 'allocheck/models/counter';\nexport default def;\n`);
    const r = await spawnCli(['check', path, '--param', 'procs=2', '--param', 'max=2', '--workers', '1']);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/^146 states/m);
  });

  it('--workers -1 says what the option takes', async () => {
    const r = await cli(['check', 'counter', '--workers', '-1']);
    expect([r.code, r.err]).toEqual([2, "allocheck: --workers takes a whole number >= 1, got '-1'\n"]);
  });

  it('an encode that returns a string is a broken contract, before any search', async () => {
    const path = file('stringly.ts', `export default { name: 's', summary: 's', params: {}, build: () => ({
      name: 's', initialStates: () => [0], successors: () => {}, encode: (s: number) => String(s),
      decode: (b: Uint8Array) => Number(b), isRest: () => true, properties: [] }) };\n`);
    const r = await cli(['check', path]);
    expect([r.code, r.err]).toEqual([2, 'allocheck: encode() must return a Uint8Array (the state\'s canonical bytes), got string for the first initial state\n']);
  });

  it('check(null) and check(definition) throw a CheckError that says what a Model is', () => {
    expect(() => check(null as never)).toThrow(CheckError);
    expect(() => check(null as never)).toThrow(/^check needs a Model \(an object with initialStates, successors, encode, decode, isRest and properties\), got null$/);
    expect(() => check({ name: 'd', build: () => ({}) } as never)).toThrow(/pass definition\.build\(params\)/);
  });

  it('a trace of random bytes or escape sequences is never echoed raw to the terminal', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    for (const path of [file('random.json', bytes.toString('latin1')), file('escapes.json', '{"format":"allocheck-trace","model":"\\u001b]0;pwned\\u0007\\u001b[2J"}')]) {
      const r = await cli(['replay', path]);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(2);
      // Nothing below the space but the final newline, no DEL or C1 controls, no replacement characters.
      expect(r.err.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\ufffd]/u);
    }
    expect(printable('a\u001b[31mb\u0007')).toBe('a\\x1b[31mb\\x07');
    expect(printable('x'.repeat(500))).toBe(`${'x'.repeat(400)}... (100 more characters)`);
  });
});
