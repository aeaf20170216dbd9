import os from 'node:os';
import type { Command } from 'commander';
import type { Whoami } from '../api-types';
import { deleteConfig, readConfig, writeConfig } from '../config-file';
import { CliError, ExitCode } from '../exit-codes';
import { ApiError, createApiClient, normalizeBaseUrl, type ApiClient } from '../http-client';
import { note, printFacts, printJson, say, shortTime, type OutputOptions } from '../output';
import { DEFAULT_URL, signedInClient } from '../session';
import { startSpinner } from '../spinner';
import { sleep } from '../sleep';

interface DeviceCode {
  deviceCode: string;
  userCode: string;
  verificationUriComplete: string;
  expiresIn: number;
  interval: number;
}

interface DeviceToken {
  token: string;
  expiresAt: string;
  scopes: string[];
  user: { email: string };
}

/** The machine's name as the portal shows it ("Timebox CLI on <host>"): only characters the server accepts. */
function hostLabel(): string {
  return os.hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64) || 'unknown-host';
}

/** RFC 8628 from the device side: print the code and the page, poll at the interval until approved, denied or expired. */
async function deviceSignIn(url: string): Promise<DeviceToken> {
  const anonymous = createApiClient(url);
  const codes = await anonymous.post<DeviceCode>('/api/v1/device/code', { host: hostLabel() });
  note(`To sign in, open ${url}${codes.verificationUriComplete}`);
  note(`and check that the page shows the code ${codes.userCode}.`);
  const spinner = startSpinner(`Waiting for approval in the browser (code ${codes.userCode})…`);
  const deadline = Date.now() + codes.expiresIn * 1000;
  let interval = codes.interval;
  try {
    for (;;) {
      await sleep(interval * 1000);
      if (Date.now() > deadline) throw new CliError('the sign-in code expired before it was approved; run `timebox login` again.', ExitCode.expired);
      try {
        return await anonymous.post<DeviceToken>('/api/v1/device/token', { deviceCode: codes.deviceCode });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === 'authorization_pending') continue;
        if (error.code === 'slow_down') {
          interval += 5;
          continue;
        }
        throw error;
      }
    }
  } finally {
    spinner.stop();
  }
}

async function login(options: OutputOptions & { url?: string; token?: string }): Promise<void> {
  const url = normalizeBaseUrl(options.url ?? process.env.TIMEBOX_URL ?? (await readConfig())?.url ?? DEFAULT_URL);
  const given = options.token ?? process.env.TIMEBOX_TOKEN;
  const token = given ?? (await deviceSignIn(url)).token;
  // Asked back from the server: a pasted token is checked before it is saved, and the answer says who we are.
  const me = await createApiClient(url, token).get<Whoami>('/api/v1/me');
  await writeConfig({ url, token, user: me.user.email, expiresAt: me.token.expiresAt });
  if (options.json) return printJson({ url, user: me.user, token: { ...me.token } });
  say(`Signed in to ${url} as ${me.user.email} (scopes: ${me.token.scopes.join(', ')}${me.token.expiresAt ? `; until ${shortTime(me.token.expiresAt)}` : ''}).`);
}

async function logout(options: OutputOptions): Promise<void> {
  const config = await readConfig();
  if (!config?.token) {
    if (options.json) return printJson({ signedOut: false });
    return say('Not signed in.');
  }
  let revoked = true;
  try {
    await createApiClient(config.url, config.token).post('/api/v1/tokens/current/revoke');
  } catch (error) {
    // A token the server no longer accepts (expired, revoked) is gone already; anything else is worth saying.
    if (!(error instanceof ApiError && error.status === 401)) {
      revoked = false;
      note(`warning: the token could not be revoked on the server (${error instanceof Error ? error.message : String(error)}); it expires on its own${config.expiresAt ? ` at ${shortTime(config.expiresAt)}` : ''}.`);
    }
  }
  await deleteConfig();
  if (options.json) return printJson({ signedOut: true, revoked });
  say(`Signed out of ${config.url}.`);
}

async function whoami(client: ApiClient, options: OutputOptions): Promise<void> {
  const me = await client.get<Whoami>('/api/v1/me');
  if (options.json) return printJson(me);
  printFacts([
    ['User', `${me.user.name} <${me.user.email}>`],
    ['Role', me.user.role],
    ['Groups', me.user.groups.join(', ')],
    ['Server', client.baseUrl],
    ['Token', me.token.name],
    ['Scopes', me.token.scopes.join(', ')],
    ['Expires', shortTime(me.token.expiresAt) ?? 'never'],
  ]);
}

export function registerAuthCommands(program: Command, globals: () => OutputOptions): void {
  program
    .command('login')
    .description('sign in: approve this CLI in the browser, or save a token (--token / TIMEBOX_TOKEN)')
    .option('--url <url>', `the Timebox server (default: TIMEBOX_URL, the saved one, or ${DEFAULT_URL})`)
    .option('--token <token>', 'an API token to save instead of signing in through the browser')
    .action((options: { url?: string; token?: string }) => login({ ...globals(), ...options }));
  program
    .command('logout')
    .description('revoke the saved token on the server and delete it')
    .action(() => logout(globals()));
  program
    .command('whoami')
    .description('who the token acts as, on which server, with which scopes')
    .action(async () => whoami(await signedInClient(), globals()));
}

