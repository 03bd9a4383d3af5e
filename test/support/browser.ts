/**
 * Headless Chromium for the browser tests: Debian's `chromium`, found on PATH (CI installs it
 * when missing), driven by playwright-core with a fresh profile each time. Nothing is
 * downloaded: a machine without chromium fails with one line that says what to install.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The chromium binary on PATH. */
export function chromiumPath(): string {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('the browser tests need Debian\'s chromium on PATH: apt-get install -y chromium');
  }
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  readonly page: Page;
  close(): Promise<void>;
}

/** A page in a new headless Chromium with an empty profile, `width` x `height` pixels. */
export async function openBrowser(width = 1400, height = 1000): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'allocheck-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(), headless: true, args: ARGS, viewport: { width, height },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Where a test keeps a screenshot: docs/img/<name> when ALLOCHECK_SCREENSHOTS=1 (to refresh the
 * pictures the docs show, then look at them), else a temporary file, so a test run leaves the
 * working tree as it was.
 */
export function screenshotPath(name: string): string {
  if (process.env.ALLOCHECK_SCREENSHOTS === '1') return new URL(`../../docs/img/${name}`, import.meta.url).pathname;
  return join(mkdtempSync(join(tmpdir(), 'allocheck-shot-')), name);
}
