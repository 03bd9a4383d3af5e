import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/alloc/index.js';
import { check } from '../../src/core/check.js';
import { spawnCli } from '../support/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(join(root, 'docs/writing-models.md'), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** Writes the doc's model to a directory outside the repository, importing 'allocheck' via a shim. */
async function loadExample(): Promise<Scenario> {
  const dir = mkdtempSync(join(tmpdir(), 'allocheck-doc-'));
  writeFileSync(join(dir, 'allocheck.ts'), `export * from '${join(root, 'src/language.ts')}';\nexport { check } from '${join(root, 'src/core/check.ts')}';\n`);
  writeFileSync(join(dir, 'nbd-user.ts'), blocks[0]!.replace("from 'allocheck'", "from './allocheck.ts'"));
  return ((await import(join(dir, 'nbd-user.ts'))) as { default: Scenario }).default;
}

describe('docs/writing-models.md', () => {
  it('has the model and the check as code blocks', () => {
    expect(blocks.length).toBe(2);
    expect(blocks[0]).toContain("from 'allocheck'");
  });

  it('its example model checks as the text says', async () => {
    const nbd = await loadExample();
    const safety = ['no-deadlock', 'reserve-integrity', 'pages-conserved'];
    expect(check(nbd.build({}, 'none'), { properties: safety }).verdict).toBe('violated');
    expect(check(nbd.build({}, 'memalloc-inheritance'), { properties: safety }).verdict).toBe('holds');
    expect(check(nbd.build({}, 'dirty-limit'), { properties: safety }).verdict).toBe('holds');
    expect(() => nbd.build({}, 'network-reserve')).toThrow("policy 'network-reserve' does not apply to nbd-user: it has no network device");
  });

  it('its custom balloon actor runs and keeps pages conserved', async () => {
    const nbd = await loadExample();
    const model = nbd.build({ balloon: 'yes', pages: 9 }, 'memalloc-inheritance');
    const r = check(model, { properties: ['no-deadlock', 'pages-conserved'] });
    expect(r.verdict).toBe('holds');
    const texts: string[] = [];
    model.successors(model.initialStates()[0]!, (a) => texts.push(a.text));
    expect(texts).toContain('balloon inflates the balloon by a page');
  });

  it('the model file, exactly as written, checks from the command line outside the repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allocheck-user-'));
    writeFileSync(join(dir, 'nbd-user.ts'), blocks[0]!);
    const bad = await spawnCli(['check', './nbd-user.ts', '--policy', 'none', '--property', 'no-deadlock'], dir);
    expect(bad.err).toBe('');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/no-deadlock +violated/);
    const good = await spawnCli(['check', './nbd-user.ts', '--policy', 'memalloc-inheritance', '--property', 'no-deadlock'], dir);
    expect(good.code).toBe(0);
  });
});
