import { appendAudit } from '@/lib/audit/append';
import type { Db } from '@/lib/db/client';
import type { ActorContext } from '@/lib/domain/context';
import { log } from '@/lib/log';
import type { ServiceDeps } from './deps';
import { followIdpGroupsTx, type IdpSettings } from './identity/follow-idp';
import { runAfterCommit } from './lifecycle/after-commit';

export interface IdentityClaims {
  /** The OIDC provider's issuer: with the subject, who the person is. */
  issuer: string;
  subject: string;
  email: string;
  /** The `email_verified` claim, as sent (absent, boolean, or Entra's/others' "true" string). */
  emailVerified?: unknown;
  name?: string | null;
  groups: string[];
}

/** Why a sign-in is refused; the login page shows each as a sentence (app/login/page.tsx). */
export type OidcRefusal = 'NoEmail' | 'EmailNotVerified' | 'AccountLinked' | 'AccountDisabled';

export class OidcSignInRefused extends Error {
  constructor(readonly reason: OidcRefusal) {
    super(`OIDC sign-in refused: ${reason}`);
    this.name = 'OidcSignInRefused';
  }
}

const isVerified = (value: unknown) => value === true || (typeof value === 'string' && value.toLowerCase() === 'true');

/**
 * Finds or creates the user behind an OIDC sign-in and mirrors their groups from the identity provider's
 * claim (Timebox-managed and SCIM groups are left alone). Matching (issue 14, item 13):
 * 1. by issuer + subject — the IdP's stable id, whatever the e-mail says now;
 * 2. else by e-mail, only if the IdP vouches for it (`email_verified`, unless `allowUnverifiedEmail`),
 *    and only for an account not yet linked to another subject: a known account is never silently
 *    re-linked to someone new;
 * 3. else a new user.
 * Refusals throw OidcSignInRefused, and nothing is written.
 */
export async function upsertOidcUser(deps: ServiceDeps, claims: IdentityClaims, options: { allowUnverifiedEmail?: boolean; idp?: IdpSettings } = {}): Promise<string> {
  const email = claims.email.trim().toLowerCase();
  if (!email) throw new OidcSignInRefused('NoEmail');
  const groups = [...new Set(claims.groups.map((g) => g.trim()).filter(Boolean))];
  const now = deps.clock.now();
  const { userId, work } = await deps.db.$transaction(async (tx) => {
    const linked = await tx.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: claims.issuer, oidcSubject: claims.subject } } });
    let user;
    let created = false;
    if (linked) {
      // The IdP may have changed the address; follow it unless another account already has it.
      const emailFree = email === linked.email || !(await tx.user.findUnique({ where: { email }, select: { id: true } }));
      user = await tx.user.update({
        where: { id: linked.id },
        data: { name: claims.name?.trim() || linked.name, ...(emailFree ? { email } : {}), lastLoginAt: now },
      });
    } else {
      if (!options.allowUnverifiedEmail && !isVerified(claims.emailVerified)) throw new OidcSignInRefused('EmailNotVerified');
      const byEmail = await tx.user.findUnique({ where: { email } });
      // Rows from before issuer+subject kept the subject in externalId: a different one is someone else.
      const legacySubject = byEmail?.source === 'oidc' ? byEmail.externalId : null;
      if (byEmail && (byEmail.oidcSubject || (legacySubject && legacySubject !== claims.subject))) throw new OidcSignInRefused('AccountLinked');
      user = byEmail
        ? await tx.user.update({
            where: { id: byEmail.id },
            data: { name: claims.name?.trim() || byEmail.name, oidcIssuer: claims.issuer, oidcSubject: claims.subject, lastLoginAt: now },
          })
        : await tx.user.create({
            data: { email, name: claims.name?.trim() || email, externalId: claims.subject, oidcIssuer: claims.issuer, oidcSubject: claims.subject, source: 'oidc', lastLoginAt: now },
          });
      created = !byEmail;
    }
    if (user.disabledAt) throw new OidcSignInRefused('AccountDisabled');

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
      actorLabel: user.email,
      action: created ? 'user.created' : 'user.signed_in',
      data: {
        provider: 'oidc',
        groupsAdded: added.map((g) => g.name),
        groupsRemoved: stale.map((m) => m.group.name),
      },
    });
    // Roles from the IdP's groups, and grants that only a dropped group carried.
    const work = await followIdpGroupsTx(tx, user.id, { lost: stale.map((m) => m.group.name), via: 'oidc', now }, options.idp);
    return { userId: user.id, work };
  });
  // Deprovisioning right after commit, side by side. A failure never fails the sign-in: the grant stays
  // `revoking` and the sweep retries it.
  await Promise.all(work.map((item) => runAfterCommit(deps, { system: 'oidc' }, [item]).catch((error: unknown) => log.error({ err: error, grantId: item.grantId }, 'deprovisioning after an OIDC group loss failed; the sweep retries it'))));
  return userId;
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
