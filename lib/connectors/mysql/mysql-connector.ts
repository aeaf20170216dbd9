import { systemClock } from '@/lib/domain/clock';
import { adminTimeouts } from '../kit/admin-client';
import { withHeldConnections } from '../kit/admin-connections';
import type { DatabaseConnectorOptions } from '../kit/database-connector-options';
import { grantPrincipal } from '../kit/principal-name';
import type { Connector, CredentialIssuer } from '../types';
import { createMysqlAdmin, type MysqlAdmin } from './admin-client';
import { dropUser, dropUsers } from './deprovision';
import { listUsers, removeUserAccess, verifyUser } from './inspect';
import { issuePassword } from './issue-credentials';
import { provisionUser } from './provision';
import { resolveMysqlTarget } from './settings';

export type MysqlConnectorOptions = DatabaseConnectorOptions;

/**
 * `mysql` resources (MariaDB): one user per grant (tbx_<grant id prefix>) with the entitlement's
 * privileges, locked until credentials are asked for, and an EVENT at the grant's end that drops it
 * inside the server. Credentials are a fresh password per call. Ending drops the user and kills its connections.
 */
export function createMysqlConnector(options: MysqlConnectorOptions = {}): Connector & CredentialIssuer {
  const env = () => options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const admin = createMysqlAdmin(adminTimeouts(options.adminTimeouts));
  const on = (client: MysqlAdmin): Connector & CredentialIssuer => ({
    // Every method is async, so a bad setting rejects rather than throws synchronously past a caller's .catch().
    kind: 'mysql',
    provision: async (target) => ({ targetState: await provisionUser(client, resolveMysqlTarget(target.resource, env()), target) }),
    // The name comes from the grant id, not targetState, so a provision that crashed before saving its state is still cleaned up.
    deprovision: async (target) => dropUser(client, resolveMysqlTarget(target.resource, env()), grantPrincipal(target.grantId)),
    // One admin connection for a sweep's batch of one resource (the caller groups them); held by holdConnections, one for the sweep.
    deprovisionMany: async (targets, mayStart) =>
      targets.length === 0 ? [] : dropUsers(client, resolveMysqlTarget(targets[0]!.resource, env()), targets.map((t) => ({ grantId: t.grantId, user: grantPrincipal(t.grantId) })), mayStart),
    verify: async (target) => verifyUser(client, resolveMysqlTarget(target.resource, env()), target),
    listActual: async (resource, entitlements) => listUsers(client, resolveMysqlTarget(resource, env()), resource, entitlements),
    removeActual: async (resource, access) => removeUserAccess(client, resolveMysqlTarget(resource, env()), access),
    issueCredentials: async (target) => issuePassword(client, resolveMysqlTarget(target.resource, env()), target, clock.now()),
  });
  return withHeldConnections(admin, on);
}

export const mysqlConnector = createMysqlConnector();
