// What one view costs the server when a browser makes it: the page, then whatever the page itself asks for
// once hydrated (prefetches of the pages it links to, polling, suggestions) until the network is idle.
// The HTML-only figures (autocannon) miss that part, and it was most of the cost: with Next.js's default
// prefetching one browser view of /audit cost the server ~15× the page alone.
import { chromium } from '@playwright/test';
import { chooseChromium } from '@/e2e/browser';
import { median, sleep } from './measure';
import { cpuMs } from './next-server';

/** A view is over once no request has started or ended for this long (the inbox polls every 5 s). */
const QUIET_MS = 1_000;
/** A page that never goes quiet (polling faster than QUIET_MS) ends the run instead of holding it forever. */
const VIEW_LIMIT_MS = 60_000;

async function quiet(url: string, done: () => boolean): Promise<void> {
  const giveUp = performance.now() + VIEW_LIMIT_MS;
  while (!done()) {
    if (performance.now() > giveUp) throw new Error(`pages: ${url} kept the network busy for ${VIEW_LIMIT_MS / 1000} s in the browser`);
    await sleep(50);
  }
}

export interface BrowserViews {
  /** Server CPU per view, median over the views. */
  cpuMsPerView: number;
  /** Requests the browser made per view (page, assets, and what the page fetched by itself), median. */
  requestsPerView: number;
  /** Of those, prefetches of other pages (Next.js's `next-router-prefetch` header), median. */
  prefetchesPerView: number;
}

/**
 * `views` loads of `url` one after another in one browser context holding `cookie`, after one to warm up.
 * Without a Chromium on the machine: why not, so the group's other figures still come out.
 */
export async function browserViews(serverPid: number, url: string, cookie: string, views: number): Promise<BrowserViews | { skipped: string }> {
  const choice = chooseChromium();
  if (choice.source === 'none') return { skipped: choice.help };
  const browser = await chromium.launch({ executablePath: choice.executablePath });
  try {
    const context = await browser.newContext();
    const [name, ...value] = cookie.split('=');
    await context.addCookies([{ name: name!, value: value.join('='), url }]);
    const cpu: number[] = [];
    const requests: number[] = [];
    const prefetches: number[] = [];
    for (let i = 0; i <= views; i++) {
      const page = await context.newPage();
      let made = 0;
      let prefetched = 0;
      let inFlight = 0;
      let lastActivity = performance.now();
      const settle = () => {
        inFlight--;
        lastActivity = performance.now();
      };
      page.on('request', (r) => {
        made++;
        inFlight++;
        lastActivity = performance.now();
        if (r.headers()['next-router-prefetch']) prefetched++;
      });
      page.on('requestfinished', settle);
      page.on('requestfailed', settle);
      const before = cpuMs(serverPid);
      const response = await page.goto(url, { waitUntil: 'networkidle' });
      if (response?.status() !== 200) throw new Error(`pages: ${url} answered ${response?.status()} in the browser`);
      // Bring every link into view (prefetching starts when a link is seen), then wait for what that caused.
      await page.mouse.wheel(0, 50_000);
      await quiet(url, () => inFlight === 0 && performance.now() - lastActivity >= QUIET_MS);
      if (i > 0) {
        cpu.push(cpuMs(serverPid) - before);
        requests.push(made);
        prefetches.push(prefetched);
      }
      await page.close();
    }
    return { cpuMsPerView: median(cpu), requestsPerView: median(requests), prefetchesPerView: median(prefetches) };
  } finally {
    await browser.close();
  }
}
