import { type Clock, systemClock } from '@/lib/domain/clock';
import type { Connector, CredentialIssuer } from '../types';
import { grantPrincipal } from './credentials-secret';
import { dropLoginRole } from './deprovision';
import { listRoles, removeRoleAccess, verifyRole } from './inspect';
import { issuePassword } from './issue-credentials';
import { provisionRole } from './provision';
import { resolvePostgresTarget } from './settings';

export interface PostgresConnectorOptions {
  /** Where the admin URL env vars are read; defaults to process.env (read at each call, never cached). */
  env?: Record<string, string | undefined>;
  clock?: Clock;
}

/**
 * `postgres` resources: one LOGIN role per grant (tbx_<grant id prefix>), member of the entitlement's
 * roles, VALID UNTIL the grant's end. Credentials are a fresh password per call. Ending revokes, stops
 * logins, terminates live sessions and drops the role.
 */
export function createPostgresConnector(options: PostgresConnectorOptions = {}): Connector & CredentialIssuer {
  const env = () => options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  return {
    kind: 'postgres',
    provision: async (target) => ({ targetState: await provisionRole(resolvePostgresTarget(target.resource, env()), target) }),
    // Every method is async, so a bad setting rejects rather than throws synchronously past a caller's .catch().
    // The name comes from the grant id, not targetState, so a provision that crashed before saving its state is still cleaned up.
    deprovision: async (target) => dropLoginRole(resolvePostgresTarget(target.resource, env()), grantPrincipal(target.grantId)),
    verify: async (target) => verifyRole(resolvePostgresTarget(target.resource, env()), target, clock.now()),
    listActual: async (resource, entitlements) => listRoles(resolvePostgresTarget(resource, env()), resource, entitlements),
    removeActual: async (resource, access) => removeRoleAccess(resolvePostgresTarget(resource, env()), access),
    issueCredentials: async (target) => issuePassword(resolvePostgresTarget(target.resource, env()), target, clock.now()),
  };
}

export const postgresConnector = createPostgresConnector();
