import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nfs from '../../models/nfs-ack.js';
import { viewerSources } from '../../src/cli/explore/assets.js';
import { traceToDot } from '../../src/render/dot.js';
import { dotToSvg } from '../../src/render/image.js';
import { traceHtml, tracePanels } from '../../src/render/trace-html.js';
import { cli } from '../support/cli.js';
import { openBrowser, screenshotPath, type Browser } from '../support/browser.js';
import { lassoTrace } from '../render/seed-traces.js';

const SHOT = screenshotPath('trace-dm-raid1.png');

let dir: string;
let browser: Browser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'allocheck-html-'));
  const r = await cli(['check', 'dm-raid1', '--policy', 'mempool-only', '--property', 'no-deadlock', '--out', 'out', '--quiet'], dir);
  expect(r.out).toMatch(/out\/trace-no-deadlock\.html\n$/);
  browser = await openBrowser(1500, 1100);
  page = browser.page;
  page.on('request', (req) => requests.push(req.url()));
});

afterAll(() => browser?.close());

async function open(file: string): Promise<void> {
  requests.length = 0;
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-ready]');
}

describe('trace-<property>.html', () => {
  it('is one file: nothing is loaded from anywhere else', () => {
    const html = readFileSync(join(dir, 'out', 'trace-no-deadlock.html'), 'utf8');
    expect(html).not.toMatch(/<(script|link|img)[^>]*(src|href)=/);
    expect(html.match(/https?:\/\/[^\s"')]+/g)?.filter((u) => !u.startsWith('http://www.w3.org/')) ?? []).toEqual([]);
    expect(html).toContain('<svg');
  });

  it('opens from file:// and steps to the deadlock: free pages, the cycle, the row marked', async () => {
    await open(join(dir, 'out', 'trace-no-deadlock.html'));
    expect(await page.textContent('[data-testid=position]')).toBe('step 0 of 12');
    expect(await page.textContent('[data-testid=free]')).toBe('6');
    await page.locator('#step').fill('12');
    expect(await page.textContent('[data-testid=position]')).toBe('step 12 of 12');
    expect(await page.textContent('[data-testid=free]')).toBe('2');
    expect(await page.textContent('[data-testid=cycle]')).toBe('wait-for cycle: kmirrord → kmirrord');
    expect(await page.textContent('[data-testid=end]')).toMatch(/^DEADLOCK: nothing can move\./);
    expect(await page.textContent('#step-text')).toMatch(/^12\. kmirrord cannot get a page above its floor/);
    // The final wait-for graph is the diagram's bottom, its caption naming the cycle.
    expect(await page.textContent('#diagram svg')).toMatch(/wait-for cycle: kmirrord waits for kmirrord/);
    expect(await page.locator('#diagram .row-mark').count()).toBe(1);
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
    await page.locator('#step').fill('8');
    await page.screenshot({ path: SHOT });
    await page.keyboard.press('End');
    expect(await page.textContent('[data-testid=position]')).toBe('step 12 of 12');
  });

  it('marks the steps of a lasso\'s cycle', async () => {
    const trace = lassoTrace();
    const model = nfs.build({ retransmit: 'yes' }, 'none');
    const file = join(dir, 'lasso.html');
    writeFileSync(file, traceHtml(trace, await dotToSvg(traceToDot(trace)), tracePanels(model, trace), viewerSources()));
    await open(file);
    await page.locator('#step').fill(String(trace.loopStart));
    expect(await page.textContent('#step-text')).not.toMatch(/cycle/);
    await page.locator('#step').fill(String(trace.steps.length));
    expect(await page.textContent('#step-text')).toMatch(/\(in the cycle that repeats forever: steps 8 to 9\)$/);
    expect(await page.textContent('#diagram svg')).toMatch(/cycle starts/);
  });

  it('shows a memory cgroup\'s charge against its limit, at its limit where fuse-memcg deadlocks', async () => {
    const r = await cli(['check', 'fuse-memcg', '--policy', 'none', '--property', 'no-deadlock', '--out', 'memcg', '--quiet'], dir);
    expect(r.out).toMatch(/memcg\/trace-no-deadlock\.html\n$/);
    await open(join(dir, 'memcg', 'trace-no-deadlock.html'));
    expect(await page.textContent('[data-testid=memcg-fuse]')).toBe('memcg fuse: 0 of 4 pages charged');
    await page.keyboard.press('End');
    expect(await page.textContent('[data-testid=memcg-fuse]')).toBe('memcg fuse: 4 of 4 pages charged (at its limit)');
  });
});
