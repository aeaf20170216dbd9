import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import * as certificateRoute from '@/app/api/v1/grants/[id]/certificate/route';
import * as credentialsRoute from '@/app/api/v1/grants/[id]/credentials/route';
import { createMysqlConnector } from '@/lib/connectors/mysql/mysql-connector';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import { createPostgresConnector } from '@/lib/connectors/postgres/postgres-connector';
import { createSshConnector } from '@/lib/connectors/ssh';
import type { Connector } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { call, createApiHarness, type ApiHarness, type Handler } from '@/lib/testing/api-harness';
import { findPgBinDir, type PgInstance, startPgInstance } from '@/lib/testing/pg-instance';
import { requireServer } from '@/lib/testing/require-server';
import { sshdMissingReason } from '@/lib/testing/sshd';
import { api, at } from './routes';

// What the connector endpoint tests (connectors-postgres, connectors-ssh) share: the API harness with a
// registry built here (nothing reads this machine's TARGET_* variables), a CA key in a temp dir (never
// .data/), the callers' tokens, and the calls they make. Only the PostgreSQL file starts a scram-auth
// PostgreSQL of its own (so issued passwords are really checked): initdb is the costly part.

export const pgBinDir = findPgBinDir();
export const hasPg = requireServer('PostgreSQL server binaries (initdb, pg_ctl)', pgBinDir);
const sshProblem = sshdMissingReason();
export const hasSshKeygen = requireServer('ssh-keygen (openssh-client)', sshProblem?.includes('ssh-keygen') ? undefined : 'yes');

export interface ConnectorApi {
  h: ApiHarness;
  /** The file's scratch directory: the CA key, users' keys, certificates, KRLs. */
  tmp: string;
  caFile: string;
  /** The PostgreSQL target (with `postgres: true` and the binaries present). */
  target?: PgInstance;
  /** The environment the PostgreSQL connector reads: a test may point it elsewhere for a while. */
  pgEnv: Record<string, string | undefined>;
  tokens: Record<'alice' | 'aliceRequestsOnly' | 'erin' | 'bob' | 'carol', string>;
}

/** Registers the file's harness (set up before its tests, torn down after); its fields are set from the first test on. */
export function connectorApi(options: { postgres: boolean }): ConnectorApi {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-api-connectors-'));
  const state = { tmp, caFile: path.join(tmp, 'ca'), pgEnv: {}, tokens: {} } as ConnectorApi;
  const caKeyWas = process.env.TIMEBOX_SSH_CA_KEY;

  beforeAll(async () => {
    const h = await createApiHarness();
    state.h = h;
    h.clock.set(new Date()); // targets check real time (VALID UNTIL, certificate validity)
    if (hasSshKeygen) {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test-ca', '-f', state.caFile]);
      fs.chmodSync(state.caFile, 0o600);
    }
    // The routes and currentRevocationList read the CA from process.env, like the server does.
    process.env.TIMEBOX_SSH_CA_KEY = state.caFile;
    const registry: [ResourceKind, Connector][] = [
      ['portal', portalConnector],
      ['ssh', createSshConnector({ clock: h.clock })],
      // A MariaDB that is not there: reconciliation must report it as failed, not stop.
      ['mysql', createMysqlConnector({ env: { TARGET_MYSQL_URL: 'mysql://root@127.0.0.1:1/test' } })],
    ];
    if (options.postgres && hasPg) {
      state.target = await startPgInstance(pgBinDir);
      state.pgEnv.TARGET_PG_URL = state.target.url;
      registry.push(['postgres', createPostgresConnector({ env: state.pgEnv })]);
    }
    h.deps.connectors = new Map(registry);

    state.tokens = {
      alice: await h.token('alice@example.com', ['requests', 'grants']),
      aliceRequestsOnly: await h.token('alice@example.com', ['requests']),
      erin: await h.token('erin@example.com', ['requests', 'grants']),
      bob: await h.token('bob@example.com', ['approvals']),
      carol: await h.token('carol@example.com', ['requests', 'grants']),
    };
  });

  afterAll(async () => {
    await state.h?.close();
    await state.target?.destroy();
    if (caKeyWas === undefined) delete process.env.TIMEBOX_SSH_CA_KEY;
    else process.env.TIMEBOX_SSH_CA_KEY = caKeyWas;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  return state;
}

const credentials = credentialsRoute.POST as Handler;
const certificate = certificateRoute.POST as Handler;

export const postCredentials = (token: string | null, grantId: string, body?: unknown) =>
  call(credentials, `/api/v1/grants/${grantId}/credentials`, { method: 'POST', token, params: { id: grantId }, body });
export const postCertificate = (token: string | null, grantId: string, body: unknown) => call(certificate, `/api/v1/grants/${grantId}/certificate`, { method: 'POST', token, params: { id: grantId }, body });

/** Asks for a role over the API; an auto-approved request comes back with its grant. */
export async function request(token: string, resource: string, role: string, durationMinutes = 30): Promise<{ requestId: string; grantId: string | undefined; status: string }> {
  const res = await call(api.createRequest.handler, '/api/v1/requests', { token, body: { resource, role, durationMinutes, justification: 'INC-42 on call' } });
  expect(res.status).toBe(201);
  return { requestId: res.json.request.id, grantId: res.json.request.grant?.id, status: res.json.request.status };
}
export const revoke = (token: string, grantId: string) => call(api.revoke.handler, at(api.revoke, grantId).path, { method: 'POST', token, params: at(api.revoke, grantId).params });
