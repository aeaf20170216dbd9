import { systemClock } from '@/lib/domain/clock';
import { adminTimeouts } from '../kit/admin-client';
import { withHeldConnections } from '../kit/admin-connections';
import type { DatabaseConnectorOptions } from '../kit/database-connector-options';
import { grantPrincipal } from '../kit/principal-name';
import type { Connector, CredentialIssuer } from '../types';
import { createPostgresAdmin, type PostgresAdmin } from './admin-client';
import { dropLoginRole, dropLoginRoles } from './deprovision';
import { listRoles, removeRoleAccess, verifyRole } from './inspect';
import { issuePassword } from './issue-credentials';
import { provisionRole } from './provision';
import { resolvePostgresTarget } from './settings';

export type PostgresConnectorOptions = DatabaseConnectorOptions;

/**
 * `postgres` resources: one LOGIN role per grant (tbx_<grant id prefix>), member of the entitlement's
 * roles, VALID UNTIL the grant's end. Credentials are a fresh password per call. Ending revokes, stops
 * logins, terminates live sessions and drops the role.
 */
export function createPostgresConnector(options: PostgresConnectorOptions = {}): Connector & CredentialIssuer {
  const env = () => options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const admin = createPostgresAdmin(adminTimeouts(options.adminTimeouts), () => ('ownDatabaseUrl' in options ? options.ownDatabaseUrl : process.env.DATABASE_URL));
  const on = (client: PostgresAdmin): Connector & CredentialIssuer => ({
    kind: 'postgres',
    provision: async (target) => ({ targetState: await provisionRole(client, resolvePostgresTarget(target.resource, env()), target) }),
    // Every method is async, so a bad setting rejects rather than throws synchronously past a caller's .catch().
    // The name comes from the grant id, not targetState, so a provision that crashed before saving its state is still cleaned up.
    deprovision: async (target) => dropLoginRole(client, resolvePostgresTarget(target.resource, env()), grantPrincipal(target.grantId)),
    // One admin connection for a sweep's batch of one resource (the caller groups them); held by holdConnections, one for the sweep.
    deprovisionMany: async (targets, mayStart) =>
      targets.length === 0 ? [] : dropLoginRoles(client, resolvePostgresTarget(targets[0]!.resource, env()), targets.map((t) => ({ grantId: t.grantId, principal: grantPrincipal(t.grantId) })), mayStart),
    verify: async (target) => verifyRole(client, resolvePostgresTarget(target.resource, env()), target, clock.now()),
    listActual: async (resource, entitlements) => listRoles(client, resolvePostgresTarget(resource, env()), resource, entitlements),
    removeActual: async (resource, access) => removeRoleAccess(client, resolvePostgresTarget(resource, env()), access),
    issueCredentials: async (target) => issuePassword(client, resolvePostgresTarget(target.resource, env()), target, clock.now()),
  });
  return withHeldConnections(admin, on);
}

export const postgresConnector = createPostgresConnector();
