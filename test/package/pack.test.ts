/**
 * The package as a user gets it: `npm pack`, the tarball unpacked into a fresh project's
 * node_modules, its dependencies (and the user's tools: TypeScript with @tsconfig/strictest,
 * vitest, fast-check) taken from this checkout's node_modules, so the test runs offline. A
 * dependency missing from package.json fails here: the project has only those it declares.
 * dist/ is fresh: the suite's global setup built it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; peerDependencies: Record<string, string>; version: string };
let project: string;
let files: string[];

const run = (cmd: string, args: readonly string[]): string => execFileSync(cmd, args, { cwd: project, encoding: 'utf8', stdio: 'pipe' });

/** Links a package of this checkout into the project's node_modules. */
function link(name: string): void {
  mkdirSync(dirname(join(project, 'node_modules', name)), { recursive: true });
  symlinkSync(join(root, 'node_modules', name), join(project, 'node_modules', name), 'dir');
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'allocheck-user-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], { cwd: root, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
  files = packed[0]!.files.map((f) => f.path);
  const into = join(project, 'node_modules', 'allocheck');
  mkdirSync(into, { recursive: true });
  execFileSync('tar', ['xzf', join(project, packed[0]!.filename), '-C', into, '--strip-components=1']);
  for (const name of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies), 'typescript', '@tsconfig/strictest', 'vitest', '@types/node']) link(name);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user', private: true, type: 'module' }));
  const docs = readFileSync(join(root, 'docs', 'property-testing.md'), 'utf8');
  writeFileSync(join(project, 'policy.test.ts'), /```ts\n([\s\S]*?)```/.exec(docs)![1]!);
});

describe('the packed package', () => {
  it('ships the build, its types, LICENSE and CHANGELOG, and no sources or README pictures', () => {
    for (const f of ['dist/index.js', 'dist/cli.js', 'dist/types/src/index.d.ts', 'bin/allocheck.js', 'LICENSE', 'CHANGELOG.md', 'README.md', 'package.json']) expect(files, f).toContain(f);
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('docs/img/') || f.startsWith('test/'))).toEqual([]);
  });

  it('type-checks under @tsconfig/strictest, its misspelt names rejected', () => {
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ extends: '@tsconfig/strictest/tsconfig.json', compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, types: ['node'] }, include: ['*.ts'] }));
    writeFileSync(join(project, 'consumer.ts'), `import { check, checkPolicy, models, type CheckResult, type PolicySpec } from 'allocheck';
import dm from 'allocheck/models/dm-raid1';

const result: CheckResult<unknown> = check(dm.build({ pages: 6 }, 'mempool-only'), { properties: ['no-deadlock'] });
const length: number | undefined = result.properties[0]?.counterexample?.length;
const policy: PolicySpec = 'mempool-only+memalloc-inheritance';
// @ts-expect-error: a misspelt policy
checkPolicy(models['dm-raid1'], 'mempol-only', { property: 'no-deadlock' });
// @ts-expect-error: a misspelt property
checkPolicy(models['dm-raid1'], policy, { property: 'no-deadlocks' });
export const out = { verdict: result.verdict, length, policy };
`);
    let report = '';
    try {
      run(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
    } catch (e) {
      report = String((e as { stdout?: string }).stdout);
    }
    expect(report).toBe('');
  });

  it('runs from a plain .mjs script (and require), in compiled JavaScript', () => {
    writeFileSync(join(project, 'plain.mjs'), `import { check, models } from 'allocheck';\nconst r = check(models['dm-raid1'].build({ pages: 6 }, 'mempool-only'), { properties: ['no-deadlock'] });\nconsole.log(JSON.stringify({ verdict: r.verdict, length: r.properties[0].counterexample.length }));\n`);
    expect(JSON.parse(run(process.execPath, ['plain.mjs']))).toEqual({ verdict: 'violated', length: expect.any(Number) });
    writeFileSync(join(project, 'plain.cjs'), `const { models } = require('allocheck');\nconsole.log(Object.keys(models).includes('dm-raid1'));\n`);
    expect(run(process.execPath, ['plain.cjs']).trim()).toBe('true');
  });

  it("runs the docs' vitest + fast-check example", () => {
    const out = run(process.execPath, [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', project, 'policy.test.ts']);
    expect(out.replace(/\x1b\[[\d;]*m/g, '')).toMatch(/Tests\s+5 passed/);
  });

  it('its binary runs compiled JavaScript, and loads tsx only for a TypeScript model file', () => {
    const bin = join(project, 'node_modules', 'allocheck', 'bin', 'allocheck.js');
    // A module hook that notes every module of tsx that is resolved.
    const log = join(project, 'tsx.log');
    writeFileSync(join(project, 'note-tsx.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) {\n  const r = await next(s, c);\n  if (r.url.includes('/tsx/')) appendFileSync(${JSON.stringify(log)}, r.url + '\\n');\n  return r;\n}\n`);
    writeFileSync(join(project, 'hooks.mjs'), `import { register } from 'node:module';\nregister('./note-tsx.mjs', import.meta.url);\n`);
    const noted = (args: readonly string[]): string => {
      writeFileSync(log, '');
      try {
        run(process.execPath, ['--import', './hooks.mjs', bin, ...args]);
      } catch (e) {
        if ((e as { status?: number }).status !== 1) throw e;
      }
      return readFileSync(log, 'utf8');
    };
    expect(run(process.execPath, [bin, '--version'])).toBe(`allocheck ${manifest.version}\n`);
    expect(run(process.execPath, [bin, 'list'])).toMatch(/^models:\n {2}bio-mempool/);
    expect(noted(['list'])).toBe('');
    expect(noted(['check', 'dm-raid1', '--quiet'])).toBe('');
    // The parallel search's threads start from the build's bundles too.
    const parallel = JSON.parse(run(process.execPath, [bin, 'check', 'counter', '--param', 'procs=3', '--param', 'max=4', '--workers', '2', '--workers-after', '0', '--json']));
    expect([parallel.stats.states, parallel.stats.workers]).toEqual([9426, 2]);
    writeFileSync(join(project, 'racy.ts'), readFileSync(join(root, 'test', 'support', 'fixtures', 'racy-counter.ts'), 'utf8'));
    expect(noted(['check', './racy.ts', '--quiet'])).toMatch(/\/tsx\//);
  });
});
