import type { Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dm from '../../models/dm-raid1.js';
import nfs from '../../models/nfs-ack.js';
import { exploreServer, listen } from '../../src/cli/explore/server.js';
import { check } from '../../src/core/check.js';
import { traceToJson } from '../../src/render/trace-json.js';
import { seedTrace } from '../render/seed-traces.js';
import { openBrowser, screenshotPath, type Browser } from '../support/browser.js';

const model = dm.build({}, 'mempool-only');
const checked = check(model, { properties: ['no-deadlock'] });
const choices = checked.properties[0]!.counterexample!.choices;
const SHOT = screenshotPath('explore-dm-raid1.png');

let server: Server;
let base: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = exploreServer(model, dm.params);
  base = `http://127.0.0.1:${await listen(server, 0)}/`;
  browser = await openBrowser(1400, 1000);
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function open(query = ''): Promise<void> {
  await page.goto(base + query);
  await page.waitForSelector('body[data-ready]');
}

const position = (): Promise<string | null> => page.textContent('[data-testid=position]');

/** What the last step shows: free pages, the cycle, the end box. */
async function expectDeadlock(): Promise<void> {
  expect(await page.textContent('[data-testid=free]')).toBe('2');
  expect(await page.textContent('[data-testid=cycle]')).toBe('wait-for cycle: kmirrord → kmirrord');
  expect(await page.textContent('[data-testid=end]')).toMatch(/^DEADLOCK: nothing can move\. The wait-for cycle: kmirrord waits for kmirrord \(the md0 queue is full\)/);
  expect(await page.locator('button.move').count()).toBe(0);
}

describe('the explorer in Chromium', () => {
  it('walks the dm-raid1 mempool-only counterexample to its deadlock by clicking the enabled actions', async () => {
    await open();
    expect(await position()).toBe('step 0 of 0');
    expect(await page.textContent('[data-testid=free]')).toBe('6');
    for (let i = 1; i < choices.length; i++) {
      const button = page.locator(`button.move[data-index="${choices[i]}"]`);
      await button.click();
      await page.waitForFunction((n) => document.querySelector('[data-testid=position]')?.textContent === `step ${n} of ${n}`, i);
    }
    await expectDeadlock();
    expect(new URL(page.url()).searchParams.get('path')).toBe(choices.join('.'));
    await page.screenshot({ path: SHOT, fullPage: true });
  });

  it('restores the same state from the URL on reload, and steps back and forward', async () => {
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    await expectDeadlock();
    await page.click('#back');
    await page.waitForFunction(() => document.querySelector('[data-testid=position]')?.textContent === 'step 11 of 12');
    expect(await page.locator('button.move').count()).toBeGreaterThan(0);
    await page.click('#forward');
    await page.waitForFunction(() => document.querySelector('[data-testid=position]')?.textContent === 'step 12 of 12');
    await expectDeadlock();
  });

  it('checks with progress streamed and loads the counterexample into the timeline', async () => {
    await open();
    await page.selectOption('#property', 'no-deadlock');
    await page.click('#check');
    await page.waitForFunction(() => /counterexample of no-deadlock loaded/.test(document.querySelector('[data-testid=check-status]')?.textContent ?? ''));
    await page.waitForFunction(() => document.querySelector('[data-testid=position]')?.textContent === 'step 12 of 12');
    expect(await page.textContent('[data-testid=check-status]')).toMatch(new RegExp(`^violated: no-deadlock violated \\(deadlock\\) — ${checked.stats.states} states`));
    expect(await page.locator('.swimlane tbody tr').count()).toBe(13);
    await expectDeadlock();
  });

  it('loads a trace.json and shows its last state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allocheck-explore-'));
    const file = join(dir, 'trace.json');
    writeFileSync(file, traceToJson(seedTrace(dm, 'mempool-only')));
    await open();
    await page.setInputFiles('#trace-file', file);
    await page.waitForFunction(() => document.querySelector('[data-testid=position]')?.textContent === 'step 12 of 12');
    await expectDeadlock();
  });

  it('marks a lasso\'s repeating steps, from the URL alone', async () => {
    const lassoModel = nfs.build({ retransmit: 'yes' }, 'none');
    const lasso = check(lassoModel, { properties: ['writeout-progress'] }).properties[0]!.counterexample!;
    const other = exploreServer(lassoModel, nfs.params);
    const port = await listen(other, 0);
    try {
      await page.goto(`http://127.0.0.1:${port}/?path=${lasso.choices.join('.')}&loop=${lasso.loopStart}`);
      await page.waitForSelector('body[data-ready]');
      const n = lasso.actions.length;
      expect(await position()).toBe(`step ${n} of ${n}`);
      expect(await page.textContent('[data-testid=loop-note]')).toBe(`steps ${lasso.loopStart! + 1} to ${n} repeat forever`);
      expect(await page.locator('.swimlane tr.looping').count()).toBe(n - lasso.loopStart!);
    } finally {
      other.closeAllConnections();
      other.close();
    }
  });

  it('shows the server\'s message for a tampered path', async () => {
    await open('?path=0.0.99');
    expect(await page.textContent('#error')).toMatch(/^path does not follow: step 2: successor 99 does not exist/);
    expect(await position()).toBe('step 0 of 0');
  });
});
