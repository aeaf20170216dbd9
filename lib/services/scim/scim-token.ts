import crypto from 'node:crypto';
import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { ActorContext } from '@/lib/domain/context';
import { authorize } from '@/lib/services/authorize';
import type { ServiceDeps } from '../deps';

// The SCIM bearer secret: "tbxscim_" + 32 random bytes, base64url. Stored as SHA-256 only, shown once.
const PREFIX = 'tbxscim_';
const SHAPE = /^tbxscim_[A-Za-z0-9_-]{43}$/;
const hash = (secret: string) => crypto.createHash('sha256').update(secret, 'utf8').digest('hex');

export interface ScimTokenStatus {
  prefix: string | null;
  createdAt: string | null;
  lastUsedAt: string | null;
}

/** The live token's non-secret facts for /admin/scim (null fields: no token yet). */
export async function scimTokenStatus(deps: Pick<ServiceDeps, 'db'>, ctx: ActorContext): Promise<ScimTokenStatus> {
  authorize(ctx, 'portal.admin');
  const token = await deps.db.scimToken.findFirst({ where: { revokedAt: null }, orderBy: { createdAt: 'desc' } });
  return { prefix: token?.prefix ?? null, createdAt: token?.createdAt.toISOString() ?? null, lastUsedAt: token?.lastUsedAt?.toISOString() ?? null };
}

/** Creates the SCIM token, revoking any earlier one (rotation). The secret is returned here and only here. */
export async function createScimToken(deps: ServiceDeps, ctx: ActorContext): Promise<{ secret: string; prefix: string }> {
  authorize(ctx, 'portal.admin');
  const secret = PREFIX + crypto.randomBytes(32).toString('base64url');
  const prefix = secret.slice(PREFIX.length, PREFIX.length + 8);
  const now = deps.clock.now();
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.scimToken.updateMany({ where: { revokedAt: null }, data: { revokedAt: now } });
    await tx.scimToken.create({ data: { tokenHash: hash(secret), prefix, createdById: ctx.actor.id, createdAt: now } });
    await appendAudit(tx, { ...actorFields(ctx), action: 'scim.token_created', data: { prefix, rotated: count > 0 } });
  });
  return { secret, prefix };
}

/** True when the bearer secret is the live SCIM token. Looked up by hash; malformed values never reach a query. */
export async function authenticateScimToken(deps: ServiceDeps, secret: string): Promise<boolean> {
  if (!SHAPE.test(secret)) return false;
  const token = await deps.db.scimToken.findUnique({ where: { tokenHash: hash(secret) } });
  if (!token || token.revokedAt) return false;
  const now = deps.clock.now();
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    await deps.db.scimToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return true;
}
