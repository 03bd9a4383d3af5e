import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHIPPED_MODELS } from '../../src/api/model-names.js';
import { modelNames, models } from '../../src/api/models.js';
import { cli } from '../support/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

// A user's project: its own directory, with this package installed under node_modules.
const consumer = `import { arbitraries, check, checkPolicy, models, policies, safetyProperties } from 'allocheck';
import fc from 'fast-check';

const dm = models['dm-raid1'];
const result = check(dm.build({ pages: 6 }, 'mempool-only'), { properties: [...safetyProperties] });
const sample = fc.sample(arbitraries.params(dm, { kernel: 'modern' }), { numRuns: 5, seed: 1 });
const fuse = checkPolicy(models['fuse-writeback'], 'none', { property: 'no-deadlock', seed: 1 });
const out: { verdict: string; states: number; policies: string[]; kernels: string[]; shrunk: unknown } = {
  verdict: result.verdict,
  states: result.stats.states,
  policies: policies.map((p) => p.name),
  kernels: sample.map((p) => String(p.kernel)),
  shrunk: fuse.ok ? null : fuse.params,
};
console.log(JSON.stringify(out));
`;

function userProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'allocheck-user-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'allocheck'), 'dir');
  symlinkSync(join(root, 'node_modules', 'fast-check'), join(dir, 'node_modules', 'fast-check'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user', type: 'module', private: true }));
  writeFileSync(join(dir, 'consumer.ts'), consumer);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['consumer.ts'] }));
  return dir;
}

describe('the package, as a user imports it', () => {
  it('the registry lists every file in models/', () => {
    const files = readdirSync(join(root, 'models')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
    expect(modelNames()).toEqual(files);
    expect([...SHIPPED_MODELS].sort()).toEqual(files);
    for (const name of modelNames()) expect(models[name]!.name).toBe(name);
  });

  it("import { check, models, policies, arbitraries } from 'allocheck' runs in a user's project and agrees with the CLI", async () => {
    const dir = userProject();
    const tsx = pathToFileURL(require.resolve('tsx')).href.replace(/loader\.[cm]?js$/, 'loader.mjs');
    const out = JSON.parse(execFileSync(process.execPath, ['--import', tsx, 'consumer.ts'], { cwd: dir, encoding: 'utf8' }));
    const viaCli = JSON.parse((await cli(['check', 'dm-raid1', '--policy', 'mempool-only', '--param', 'pages=6', '--property', 'no-deadlock,reserve-integrity,pages-conserved', '--json'])).out);
    expect(out.verdict).toBe(viaCli.verdict);
    expect(out.states).toBe(viaCli.stats.states);
    expect(out.policies).toContain('memalloc-inheritance');
    expect(out.kernels).toEqual(['modern', 'modern', 'modern', 'modern', 'modern']);
    expect(out.shrunk).toMatchObject({ pages: expect.any(Number) });
  });

  it("its types resolve through the package's exports", () => {
    const dir = userProject();
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    expect(() => execFileSync(tsc, ['--noEmit', '-p', dir], { encoding: 'utf8' })).not.toThrow();
    writeFileSync(join(dir, 'consumer.ts'), `import { models } from 'allocheck';\nconst n: number = models['dm-raid1'].name;\n`);
    let report = '';
    try {
      execFileSync(tsc, ['--noEmit', '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      report = String((e as { stdout?: string }).stdout);
    }
    expect(report).toMatch(/consumer\.ts.*not assignable to type 'number'/);
  });
});
