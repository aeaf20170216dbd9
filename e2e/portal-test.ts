import { test as base } from '@playwright/test';
import { portalOrigin } from './portal-servers';

/**
 * Every spec's `test`: pages, API requests and the CLI of a worker go to that worker's own portal server
 * (e2e/portal-servers.ts). Playwright's own `test` would send every worker to the first server, where two
 * spec files at once would share demo users and data; the linter keeps specs on this one.
 */
export const test = base.extend({
  // parallelIndex, not workerIndex: a worker restarted after a failure keeps the slot, and so the server.
  baseURL: async ({}, provide, testInfo) => provide(portalOrigin(testInfo.parallelIndex)),
});

export { expect } from '@playwright/test';
