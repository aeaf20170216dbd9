import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import os from 'node:os';
import { expect, test } from './portal-test';
import { startSshd } from '../lib/testing/sshd';
import { cli, deviceLogin, json, newConfigDir, startCli, type CliRun } from './cli-helpers';
import { uniqueTag } from './lifecycle-helpers';

// The `timebox` command end to end (issue 12): the real CLI as a child process against the real server,
// signed in by the device flow in Chromium; Alice requests, Bob (an SRE lead) approves or denies from his
// own CLI; a real psql uses the credentials. Each test makes its own requests and gives back what it holds.

interface RequestJson {
  request: { id: string; status: string; justification: string; grant: { id: string; status: string } | null };
}

const alice = newConfigDir();
const bob = newConfigDir();

test.describe.configure({ mode: 'serial' });

/** Alice's pending request with this justification, as her own `requests --json` lists it (the waiting CLI must not have failed meanwhile). */
async function pendingId(justification: string, waiting?: CliRun): Promise<string> {
  let id: string | undefined;
  let exited: number | null = null;
  void waiting?.exit.then((code) => (exited = code));
  await expect
    .poll(async () => {
      if (exited !== null) throw new Error(`the waiting CLI exited ${exited} before its request was found:\n${waiting!.err()}${waiting!.out()}`);
      const list = json<{ items: { id: string; justification: string }[] }>(await cli(['--json', 'requests', '--status', 'pending'], alice));
      id = list.items.find((r) => r.justification === justification)?.id;
      return id;
    })
    .toBeDefined();
  return id!;
}

test('login by device flow in the browser; whoami; a denied sign-in exits 3', async ({ browser, baseURL }) => {
  const signedIn = await deviceLogin(browser, baseURL!, 'alice@example.com', alice, 'Approve', true);
  expect(signedIn.code, signedIn.stderr).toBe(0);
  expect(signedIn.stdout).toContain('Signed in to');
  const file = path.join(alice, 'config.json');
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ url: baseURL, token: expect.stringMatching(/^tbx_/), user: 'alice@example.com' });

  const me = json<{ user: { email: string }; token: { scopes: string[]; expiresAt: string } }>(await cli(['whoami', '--json'], alice));
  expect(me.user.email).toBe('alice@example.com');
  expect(me.token.scopes).toEqual(expect.arrayContaining(['requests', 'grants']));
  expect(me.token.scopes).not.toContain('requests:delegate');
  expect(new Date(me.token.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 12 * 60 * 60_000);

  expect((await deviceLogin(browser, baseURL!, 'bob@example.com', bob)).code).toBe(0);

  const denied = await deviceLogin(browser, baseURL!, 'bob@example.com', newConfigDir(), 'Deny');
  expect(denied.code).toBe(3);
  expect(denied.stderr).toContain('denied');
});

test('request --wait ends when Bob approves from his CLI meanwhile', async () => {
  const why = `cli e2e approve ${uniqueTag()}`;
  const waiting = startCli(['--json', 'request', 'feature-flags/editor', '--for', '30m', '--why', why, '--wait', '--timeout', '5m'], alice);
  const id = await pendingId(why, waiting);

  const inbox = json<{ items: { id: string }[] }>(await cli(['inbox', '--json'], bob));
  expect(inbox.items.map((r) => r.id)).toContain(id);
  const approved = await cli(['approve', id, '--comment', 'ok from the e2e'], bob);
  expect(approved.code, approved.stderr).toBe(0);

  expect(await waiting.exit).toBe(0);
  const done = json<RequestJson>({ stdout: waiting.out(), stderr: waiting.err() });
  expect(done.request).toMatchObject({ id, status: 'approved', grant: { status: 'active' } });

  const grants = json<{ items: { id: string }[] }>(await cli(['grants', '--json', '--status', 'active'], alice));
  expect(grants.items.map((g) => g.id)).toContain(done.request.grant!.id);
  const revoked = await cli(['revoke', done.request.grant!.id, '--reason', 'e2e done'], alice);
  expect(revoked.code, revoked.stderr).toBe(0);
});

test('request --wait exits 3 when Bob denies; deny without a comment is a usage error', async () => {
  const why = `cli e2e deny ${uniqueTag()}`;
  // status-page/editor: another role than the test before (whose grant may still be ending), and one that asks for a ticket.
  const waiting = startCli(['request', 'status-page/editor', '--for', '15m', '--why', why, '--ticket', 'OPS-12', '--wait'], alice);
  const id = await pendingId(why, waiting);
  expect((await cli(['deny', id], bob)).code).toBe(2);
  expect((await cli(['deny', id, '--comment', 'not today'], bob)).code).toBe(0);
  expect(await waiting.exit).toBe(3);
  expect(waiting.out()).toContain('denied');
});

test('request --wait gives up after --timeout with exit 4; cancel withdraws it', async () => {
  const why = `cli e2e timeout ${uniqueTag()}`;
  // billing-console/operator needs two approvals: nobody gives them here.
  const timedOut = await cli(['request', 'billing-console/operator', '--for', '15m', '--why', why, '--wait', '--timeout', '3s'], alice);
  expect(timedOut.code).toBe(4);
  expect(timedOut.stderr).toMatch(/timed out after 3 s; request [0-9a-f-]{36} is still pending/);
  const id = await pendingId(why);
  const cancelled = json<RequestJson>(await cli(['cancel', id, '--json'], alice));
  expect(cancelled.request.status).toBe('cancelled');
});

test('psql gets fresh credentials through the environment and connects to the demo target', async () => {
  const why = `cli e2e psql ${uniqueTag()}`;
  const granted = await cli(['--json', 'request', 'prod-postgres/read-only', '--for', '15m', '--why', why, '--wait'], alice);
  expect(granted.code, granted.stderr).toBe(0);
  const grantId = json<RequestJson>(granted).request.grant!.id;

  const creds = json<{ username: string; password: string; url: string }>(await cli(['credentials', grantId, '--format', 'json'], alice));
  const env = await cli(['credentials', grantId], alice);
  expect(env.stdout).toContain(`export PGUSER='${creds.username}'`);
  const psql = await cli(['psql', grantId, '--', '-tA', '-c', 'select current_user'], alice);
  expect(psql.code, psql.stderr).toBe(0);
  expect(psql.stdout.trim()).toBe(creds.username);

  expect((await cli(['revoke', grantId], alice)).code).toBe(0);
});

test('exit codes: usage 2, not signed in 3, unreachable 5', async () => {
  expect((await cli(['request', 'feature-flags/editor', '--why', 'no duration'], alice)).code).toBe(2);
  expect((await cli(['request', 'feature-flags/editor', '--for', 'soon'], alice)).code).toBe(2);
  expect((await cli(['no-such-command'], alice)).code).toBe(2);
  expect((await cli(['whoami'], newConfigDir())).code).toBe(3);

  // A port nothing listens on: taken from the OS, then closed again.
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  const unreachable = await cli(['whoami'], alice, { TIMEBOX_URL: `http://127.0.0.1:${port}` });
  expect(unreachable.code).toBe(5);
  expect(unreachable.stderr).toMatch(/^timebox: cannot reach http:\/\/127\.0\.0\.1:\d+/);
});

test('ssh signs a throw-away key for the grant and logs in to a real sshd with the certificate', async ({ request }) => {
  const why = `cli e2e ssh ${uniqueTag()}`;
  const waiting = startCli(['--json', 'request', 'bastion-ssh/login', '--for', '10m', '--why', why, '--wait', '--timeout', '5m'], alice);
  const id = await pendingId(why, waiting);
  expect((await cli(['approve', id], bob)).code).toBe(0);
  expect(await waiting.exit, waiting.err()).toBe(0);
  const grantId = json<RequestJson>({ stdout: waiting.out(), stderr: waiting.err() }).request.grant!.id;

  // An sshd that trusts the server's user CA and lets the grant's principal (ops) in as the OS user running the test.
  const caPublicKey = await (await request.get('/api/v1/ssh/ca.pub')).text();
  const sshd = await startSshd({ caPublicKey, principals: ['ops'] });
  const tempDirs = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('timebox-ssh-')).sort();
  const before = tempDirs();
  try {
    const ssh = await cli(['ssh', grantId, '--', '-l', sshd.user, '-p', String(sshd.port), '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', sshd.host, 'echo', 'in-with-a-certificate'], alice);
    expect(ssh.code, `${ssh.stderr}\n${sshd.logs()}`).toBe(0);
    expect(ssh.stdout).toContain('in-with-a-certificate');
    expect(tempDirs()).toEqual(before); // the key and certificate are gone
  } finally {
    await sshd.stop();
  }
  expect((await cli(['revoke', grantId], alice)).code).toBe(0);
});

test('logout revokes the token on the server and forgets it', async ({ request }) => {
  for (const dir of [alice, bob]) {
    const { token } = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { token: string };
    const out = await cli(['logout'], dir);
    expect(out.code, out.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'config.json'))).toBe(false);
    expect((await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
    expect((await cli(['whoami'], dir)).code).toBe(3);
  }
});
