import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.js';
import dm from '../models/dm-raid1.js';
import { cli } from './support/cli.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('quick start is the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toMatch(/^npm test /m);
  });

  it('the library example gives what it says', () => {
    const result = check(dm.build({ pages: 8 }, 'mempool-only'), { properties: ['no-deadlock'] });
    expect(result.verdict).toBe('violated');
    expect(result.properties[0]!.counterexample!.actions.length).toBeGreaterThan(0);
    expect(readme).toContain("check(dm.build({ pages: 8 }, 'mempool-only'), { properties: ['no-deadlock'] })");
  });

  it('the firstViolationOnly example gives what it says', () => {
    const statuses = check(dm.build({ pages: 8 }, 'mempool-only'), { firstViolationOnly: true }).properties.map((p) => p.status);
    expect(statuses[0]).toBe('violated');
    expect(statuses.slice(1).every((s) => s === 'unknown')).toBe(true);
    expect(readme).toContain("check(dm.build({ pages: 8 }, 'mempool-only'), { firstViolationOnly: true }).properties.map((p) => p.status);");
  });

  it('the bad-input example prints what the README shows', async () => {
    const r = await cli(['check', 'dm-raid1', '--policy', 'mempol']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^allocheck: unknown policy 'mempol'; known: none, mempool-only, memalloc-inheritance, /);
    expect(readme).toContain("allocheck: unknown policy 'mempol'; known: none, mempool-only, memalloc-inheritance, ...");
  });

  it("the replay and render examples name a file that `npm start` writes", async () => {
    const { existsSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const files = [...readme.matchAll(/^npx allocheck (?:replay|render) (\S+)/gm)].map((m) => m[1]!);
    expect(files.length).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'allocheck-start-'));
    expect((await cli(['seed', '--quiet'], dir)).code).toBe(0);
    for (const file of files) expect(existsSync(join(dir, file)), file).toBe(true);
  }, 60_000);

  it('documents every command the CLI knows', async () => {
    const help = (await cli(['help'])).out;
    for (const command of help.matchAll(/^ {2}(\w+) /gm)) {
      if (command[1] === 'help') continue;
      expect(readme, `README documents ${command[1]}`).toContain(`allocheck ${command[1]}`);
    }
  });
});

describe('README picture', () => {
  it('docs/img is what `npm start` draws today for mempool-only', async () => {
    const { mkdtempSync, readFileSync: read } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'allocheck-img-'));
    const r = await cli(['check', 'dm-raid1', '--policy', 'mempool-only', '--out', dir, '--quiet']);
    expect(r.code).toBe(1);
    const drawn = read(join(dir, 'trace-no-deadlock.svg'), 'utf8');
    const shipped = read(new URL('../docs/img/dm-raid1-mempool-only.svg', import.meta.url), 'utf8');
    // Regenerate with: npm start && cp out/seed/mempool-only/trace-no-deadlock.svg docs/img/dm-raid1-mempool-only.svg (and .png)
    expect(drawn).toBe(shipped);
  });
});
