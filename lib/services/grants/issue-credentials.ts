import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import { grantEventIds } from '@/lib/audit/event-ids';
import { issuesCredentials } from '@/lib/connectors/registry';
import type { DatabaseCredentials } from '@/lib/connectors/types';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { loadUsableOwnGrant } from './holder-grant';
import { authorize } from '@/lib/services/authorize';

/**
 * Sets a fresh password in the target for the holder's active grant and returns it — once. Timebox never
 * stores it; each call replaces the previous one. The audit event records that it happened, not the secret.
 */
export async function issueGrantCredentials(deps: ServiceDeps, ctx: ActorContext, input: { grantId: string }): Promise<DatabaseCredentials> {
  authorize(ctx, 'grants.manage');
  const { grant, target, connector } = await loadUsableOwnGrant(deps, ctx, input.grantId);
  if (!issuesCredentials(connector)) throw new AppError('unprocessable', `Resources of kind ${target.resource.kind} do not use passwords.`);
  let credentials: DatabaseCredentials;
  try {
    credentials = await connector.issueCredentials(target);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('unavailable', `The target could not set credentials: ${error instanceof Error ? error.message : 'unknown error'}`);
  }
  await deps.db.$transaction((tx) =>
    appendAudit(tx, {
      ...actorFields(ctx),
      action: 'grant.credentials_issued',
      ...grantEventIds(grant),
      data: { username: credentials.username, host: credentials.host, database: credentials.database, expiresAt: credentials.expiresAt },
    }),
  );
  return credentials;
}
