/**
 * Drives Debian's Chromium through playwright-core for the browser tests: a fresh profile per
 * run, no network beyond what the pages load from 127.0.0.1, screenshots in tests/.screenshots/.
 * Node-only.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = fileURLToPath(new URL('../.screenshots/', import.meta.url));

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  downloadsDir: string;
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumAvailable()) throw new Error(`Expected Chromium at ${CHROMIUM_PATH}; run: bash scripts/install-chromium.sh (or set CHROMIUM_PATH)`);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'arsip-chromium-'));
  const downloadsDir = await mkdtemp(path.join(os.tmpdir(), 'arsip-downloads-'));
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    acceptDownloads: true,
    downloadsPath: downloadsDir,
    viewport: { width: 1280, height: 900 },
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  return {
    context,
    downloadsDir,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      await rm(downloadsDir, { recursive: true, force: true });
    },
  };
}

/** Console errors and uncaught exceptions of a page, collected from the moment it opens. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`http ${response.status()}: ${response.url()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Aborted suggestion requests (the user typed on) are expected.
    if (!request.failure()?.errorText.includes('ERR_ABORTED')) errors.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}
