import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Browser } from '@playwright/test';
import { signIn } from './helpers';
import { checkPage, laptop, phone } from './page-check';

// Drives the real `timebox` command (bin/timebox.mjs) as a child process against the Playwright web
// server, each "user" with a config directory of their own.

const BIN = path.join(process.cwd(), 'bin', 'timebox.mjs');

export interface CliRun {
  /** stdout and stderr so far. */
  out: () => string;
  err: () => string;
  /** Resolves with the exit code when the process ends. */
  exit: Promise<number>;
  /** Waits until stderr (or stdout) matches, and returns the match. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
}

/** A fresh config directory (the CLI writes config.json there, mode 0600). */
export const newConfigDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-cli-e2e-'));

export function startCli(args: string[], configDir: string, extraEnv: Record<string, string> = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, TIMEBOX_CONFIG_DIR: configDir, ...extraEnv };
  for (const name of ['TIMEBOX_TOKEN', 'TIMEBOX_URL']) if (!(name in extraEnv)) delete env[name];
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return {
    out: () => out,
    err: () => err,
    exit,
    async waitFor(pattern, timeoutMs = 60_000) {
      let match: RegExpMatchArray | null = null;
      await expect.poll(() => (match = (err + out).match(pattern)) !== null, { timeout: timeoutMs, message: `CLI output matching ${pattern}; got:\n${err}${out}` }).toBe(true);
      return match!;
    },
  };
}

/** Runs a CLI command to its end: exit code, stdout, stderr. */
export async function cli(args: string[], configDir: string, extraEnv: Record<string, string> = {}) {
  const run = startCli(args, configDir, extraEnv);
  const code = await run.exit;
  return { code, stdout: run.out(), stderr: run.err() };
}

/** `--json` output, parsed (a test failure shows what was printed instead). */
export function json<T = unknown>(result: { stdout: string; stderr: string }): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON on stdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** The name the CLI shows the approver, as it derives it from the host name. */
export const cliClientName = () => `Timebox CLI on ${os.hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64) || 'unknown-host'}`;

/**
 * `timebox login --url …` completed in Chromium: the CLI prints the page, the person signs in there
 * (dev sign-in), sees which CLI asks with which scopes, and approves or denies with a POST.
 */
export async function deviceLogin(browser: Browser, baseURL: string, email: string, configDir: string, decision: 'Approve' | 'Deny' = 'Approve', checkPages = false) {
  const run = startCli(['login', '--url', baseURL], configDir);
  const [, url] = await run.waitFor(/open (\S+\/device\?code=\S+)/);
  const [, code] = await run.waitFor(/the code ([A-Z]{4}-[A-Z]{4})/);
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await page.goto(url!);
    await signIn(page, email); // the portal asks for a sign-in first, then comes back to the code
    await expect(page).toHaveURL(/\/device\?code=/);
    if (checkPages) {
      // The approval page at a laptop's and a phone's width: no axe violations, no sideways scrolling. (Showing it is a GET: nothing is decided.)
      for (const size of [laptop, phone]) {
        await page.setViewportSize(size);
        await checkPage(page, url!, 'device-approval');
      }
    }
    await expect(page.getByRole('heading', { name: cliClientName(), level: 2 })).toBeVisible();
    await expect(page.getByText(`Code ${code}`)).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'requests' }).first()).toBeVisible();
    await page.getByRole('button', { name: new RegExp(`^${decision}`) }).click();
    await expect(page.getByRole('status')).toContainText(decision === 'Approve' ? 'Approved' : 'Denied');
  } finally {
    await context.close();
  }
  return { code: await run.exit, stdout: run.out(), stderr: run.err() };
}
