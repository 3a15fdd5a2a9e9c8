import { Browser, chromium } from 'playwright-core';

/** Debian's Chromium package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches Debian's Chromium headless, without the sandbox and background traffic of a desktop browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** What a page did while loading: console errors, uncaught errors, and every request besides the page itself. */
export interface PageLoad {
  readonly consoleErrors: readonly string[];
  readonly pageErrors: readonly string[];
  readonly requests: readonly string[];
}
