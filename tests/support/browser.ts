import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  type LocalAssistant,
  type LocalAssistantOptions,
  startLocalAssistant,
} from '../../functions/local/server';
// Launches Debian's Chromium for the browser tests, installing it first when it is missing.
// Only Debian's packages are reachable from this machine, so Playwright's own browser download is never used.

import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
  '--no-sandbox', // tests run as root in a container, where Chromium's sandbox cannot start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage', // small /dev/shm in containers makes tabs crash
];

/** Installs Debian's chromium when it is not there yet; says so loudly because it takes a while. */
export function ensureChromium(): void {
  if (existsSync(chromiumPath)) return;
  console.warn(
    "\n*** Chromium not found: installing Debian's chromium with apt-get (needed by the browser tests)… ***\n",
  );
  execSync('apt-get update && apt-get install -y chromium', {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!existsSync(chromiumPath)) throw new Error(`apt-get finished but ${chromiumPath} is still missing`);
}

export interface LaunchedChromium {
  browser: Browser;
  /** A fresh context (its own storage), so several "people" can share one browser. */
  newContext(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Headless Chromium. `chromium.launch` gives every launch a fresh temporary profile (its own
 * --user-data-dir, deleted on close), and each context below is isolated on top of that.
 */
export async function launchChromium(): Promise<LaunchedChromium> {
  ensureChromium();
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  return {
    browser,
    newContext: (options) =>
      browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options }),
    close: () => browser.close(),
  };
}

/**
 * A started assistant (throw-away data folder) and Chromium for one browser test file, closed at the
 * end. The first run on a new machine may install Chromium with apt-get, hence the long timeout.
 */
export function useAssistantAndBrowser(
  dataPrefix: string,
  options: Pick<LocalAssistantOptions, 'env' | 'webRoot'> = {},
) {
  const env = {} as { assistant: LocalAssistant; chromium: LaunchedChromium; dataDir: string };
  beforeAll(async () => {
    env.dataDir = mkdtempSync(join(tmpdir(), dataPrefix));
    env.assistant = await startLocalAssistant({ port: 0, dataDir: env.dataDir, quiet: true, ...options });
    env.chromium = await launchChromium();
  }, 600_000);
  afterAll(async () => {
    await env.chromium?.close();
    await env.assistant?.close();
    if (env.dataDir) rmSync(env.dataDir, { recursive: true, force: true });
  });
  return env;
}
