import { appendAudit } from '@/lib/audit/append';
import type { Db } from '@/lib/db/client';
import type { ActorContext } from '@/lib/domain/context';
import type { ServiceDeps } from './deps';

export interface IdentityClaims {
  email: string;
  name?: string | null;
  subject: string;
  groups: string[];
}

/**
 * Creates or updates the user behind an OIDC sign-in and mirrors their groups from the identity
 * provider's claim. Local (Timebox-managed) group memberships are left alone.
 */
export async function upsertOidcUser(db: Db, claims: IdentityClaims): Promise<string> {
  const email = claims.email.trim().toLowerCase();
  const groups = [...new Set(claims.groups.map((g) => g.trim()).filter(Boolean))];
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    const user = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: { name: claims.name?.trim() || existing.name, externalId: claims.subject, lastLoginAt: new Date() },
        })
      : await tx.user.create({
          data: { email, name: claims.name?.trim() || email, externalId: claims.subject, source: 'oidc', lastLoginAt: new Date() },
        });
    if (user.disabledAt) return user.id;

    for (const name of groups) {
      await tx.group.upsert({ where: { name }, create: { name, source: 'oidc' }, update: {} });
    }
    const oidcGroups = await tx.group.findMany({ where: { source: 'oidc', name: { in: groups } }, select: { id: true, name: true } });
    const current = await tx.groupMembership.findMany({ where: { userId: user.id, group: { source: 'oidc' } }, include: { group: true } });
    const wanted = new Set(oidcGroups.map((g) => g.id));
    const stale = current.filter((m) => !wanted.has(m.groupId));
    const added = oidcGroups.filter((g) => !current.some((m) => m.groupId === g.id));
    if (stale.length) await tx.groupMembership.deleteMany({ where: { userId: user.id, groupId: { in: stale.map((m) => m.groupId) } } });
    if (added.length) await tx.groupMembership.createMany({ data: added.map((g) => ({ userId: user.id, groupId: g.id })) });

    await appendAudit(tx, {
      actorId: user.id,
      actorLabel: email,
      action: existing ? 'user.signed_in' : 'user.created',
      data: {
        provider: 'oidc',
        groupsAdded: added.map((g) => g.name),
        groupsRemoved: stale.map((m) => m.group.name),
      },
    });
    return user.id;
  });
}

/** Dev sign-in: only users the seed created, and only while enabled. Returns null for anyone else. */
export async function findDevLoginUser(db: Db, email: string) {
  const user = await db.user.findFirst({ where: { email: email.trim().toLowerCase(), source: 'seed', disabledAt: null } });
  if (!user) return null;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await appendAudit(tx, { actorId: user.id, actorLabel: user.email, action: 'user.signed_in', data: { provider: 'dev-login' } });
  });
  return user;
}

/** The e-mails the dev sign-in offers: the seeded users that are still enabled, sorted. */
export async function listDevLoginEmails(deps: Pick<ServiceDeps, 'db'>): Promise<string[]> {
  const users = await deps.db.user.findMany({ where: { source: 'seed', disabledAt: null }, select: { email: true }, orderBy: { email: 'asc' } });
  return users.map((u) => u.email);
}

/** The actor's own saved SSH public key (to prefill the certificate form): only ever their own row. */
export async function getOwnSshPublicKey(deps: Pick<ServiceDeps, 'db'>, ctx: ActorContext): Promise<string | null> {
  const user = await deps.db.user.findUnique({ where: { id: ctx.actor.id }, select: { sshPublicKey: true } });
  return user?.sshPublicKey ?? null;
}
