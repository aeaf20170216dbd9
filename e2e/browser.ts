import fs from 'node:fs';
import { chromium } from '@playwright/test';

export type BrowserChoice = { source: 'playwright' | 'system'; executablePath?: string } | { source: 'none'; help: string };

// The headless shell first: in a fresh browser context (each person of a test has one) a page load cost
// 0.9 CPU-s there against 2.4 s in full Chromium's headless mode.
const systemChromium = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Playwright's own Chromium if installed, else the system's, else how to get one. */
export function chooseChromium(): BrowserChoice {
  try {
    if (fs.existsSync(chromium.executablePath())) return { source: 'playwright' };
  } catch {
    // Playwright throws when its browsers were never downloaded.
  }
  const system = systemChromium.find((p) => fs.existsSync(p));
  if (system) return { source: 'system', executablePath: system };
  return { source: 'none', help: 'No Chromium found: run `npx playwright install chromium`, or on Debian `apt-get install -y chromium-headless-shell`.' };
}
