import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

export const laptop = { width: 1280, height: 800 } as const;
export const phone = { width: 390, height: 844 } as const;

/**
 * The axe rules a page's width can change. The layout is CSS alone: at a phone's width the DOM is the
 * same, tables restack into cards (display: block, the header row screen-reader-only, empty cells hidden),
 * so what can differ is what axe computes from the layout (contrast against what is now behind the text,
 * links told apart from their block, regions that now scroll) and the table rules (the cells' display
 * changed). Everything else reads the DOM alone and gave the same answer at both widths. Measured on a
 * quiet machine: a full run took 0.7–1.8 s a page, these rules 0.5–1.2 s (about 0.45 s of each is
 * injecting axe); on a loaded CI machine a full run took ~5 s.
 */
export const LAYOUT_RULES = [
  'color-contrast',
  'link-in-text-block',
  'scrollable-region-focusable',
  'region',
  'meta-viewport',
  'meta-viewport-large',
  'empty-table-header',
  'table-duplicate-name',
  'td-headers-attr',
  'th-has-data-cells',
];

/** Rules with their nodes, in a form that says in the failure what broke where. */
const describe = (violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']) =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`);

/** Elements wider than the page, named by tag, id or class: what to fix when a page scrolls sideways. */
async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > limit + 1) {
        const ownParentOverflows = el.parentElement && el.parentElement.getBoundingClientRect().right > limit + 1;
        // Report only the outermost culprit of each branch (its children overflow with it).
        if (!ownParentOverflows || el.parentElement === document.body) found.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${String(el.className).split(' ').slice(0, 4).join('.')} right=${Math.round(r.right)}`);
      }
      if (found.length >= 5) break;
    }
    return found;
  });
}

/**
 * Opens `url` (or checks the current page) and asserts what every page owes every reader: zero axe
 * violations and no sideways scrolling at this viewport. `rules: 'layout'` runs only LAYOUT_RULES: for a
 * page already checked in full at another width. With E2E_SCREENSHOT_DIR set, it also saves a full-page
 * screenshot there, for looking at the pages by eye.
 */
export async function checkPage(page: Page, url: string | null, label: string, rules: 'all' | 'layout' = 'all') {
  if (url !== null) await page.goto(url);
  await expect(page.locator('h1').first()).toBeVisible();
  // Times and countdowns render in the browser after hydration: check what the reader really sees.
  await page.waitForLoadState('load');
  url ??= new URL(page.url()).pathname;
  const { width } = page.viewportSize()!;
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${label}-${width}.png`.replace(/[^a-z0-9.-]+/gi, '_')), fullPage: true });
  }
  const axe = new AxeBuilder({ page });
  const results = await (rules === 'layout' ? axe.withRules(LAYOUT_RULES) : axe).analyze();
  expect(describe(results.violations), `axe on ${url} at ${width} px`).toEqual([]);
  const scroll = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  if (scroll.scrollWidth > scroll.clientWidth) {
    expect(await overflowingElements(page), `horizontal overflow on ${url} at ${width} px: ${scroll.scrollWidth} > ${scroll.clientWidth}`).toEqual([]);
  }
  expect(scroll.scrollWidth, `page width on ${url} at ${width} px`).toBeLessThanOrEqual(scroll.clientWidth);
}
