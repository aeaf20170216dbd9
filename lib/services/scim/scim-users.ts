import { z } from 'zod';
import { appendAudit } from '@/lib/audit/append';
import type { Tx } from '@/lib/db/client';
import type { SystemContext } from '@/lib/domain/context';
import { parseEqFilter } from '@/lib/scim/filter';
import { userChangesOf, scimBoolean, type PatchOperation, type UserChanges } from '@/lib/scim/patch';
import { listResponse, userResource } from '@/lib/scim/resources';
import { ScimError } from '@/lib/scim/scim-error';
import type { ServiceDeps } from '../deps';
import { followIdpGroupsTx } from '../identity/follow-idp';
import { offboardUserTx } from '../identity/offboard-user';
import { runAfterCommit, type AfterCommit } from '../lifecycle/after-commit';
import { lockUserRow } from '../row-lock';

// SCIM Users (RFC 7644 §3): every change is a transaction with its audit event under the actor `scim`;
// deactivation (active=false, or DELETE) is the same offboarding as an admin's Disable.
const scim: SystemContext = { system: 'scim' };
const include = { memberships: { include: { group: { select: { id: true, name: true } } } } } as const;
const uuid = z.uuid();

const userBody = z.looseObject({
  userName: z.string().trim().min(1, 'userName is required').max(320),
  externalId: z.string().max(500).optional(),
  displayName: z.string().max(500).optional(),
  name: z.looseObject({ formatted: z.string().optional(), givenName: z.string().optional(), familyName: z.string().optional() }).optional(),
  active: z.unknown().optional(),
});

function parseUserBody(body: unknown) {
  const parsed = userBody.safeParse(body);
  if (!parsed.success) throw new ScimError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '), 'invalidValue');
  return parsed.data;
}

const emailOf = (userName: string) => {
  const email = userName.trim().toLowerCase();
  if (!z.email().safeParse(email).success) throw new ScimError(400, 'userName must be the user’s e-mail address.', 'invalidValue');
  return email;
};

function displayNameOf(c: UserChanges, fallback: string): string {
  const fromParts = [c.givenName, c.familyName].filter(Boolean).join(' ');
  return (c.displayName || c.formatted || fromParts || fallback).trim().slice(0, 200);
}

async function findLive(tx: Pick<Tx, 'user'>, id: string) {
  if (!uuid.safeParse(id).success) return null;
  return tx.user.findFirst({ where: { id, deletedAt: null }, include });
}

const notFound = (id: string) => new ScimError(404, `User ${id} not found.`);

export async function listScimUsers(deps: ServiceDeps, base: string, params: URLSearchParams, paging: { skip: number; take: number; startIndex: number }) {
  const filter = parseEqFilter(params.get('filter'), ['userName', 'externalId', 'id']);
  const where = {
    deletedAt: null,
    ...(filter?.attribute === 'userName' ? { email: filter.value.trim().toLowerCase() } : {}),
    ...(filter?.attribute === 'externalId' ? { scimExternalId: filter.value } : {}),
    ...(filter?.attribute === 'id' ? { id: uuid.safeParse(filter.value).success ? filter.value : '00000000-0000-0000-0000-000000000000' } : {}),
  };
  const [total, users] = await Promise.all([
    deps.db.user.count({ where }),
    deps.db.user.findMany({ where, include, orderBy: { createdAt: 'asc' }, skip: paging.skip, take: paging.take }),
  ]);
  return listResponse(users.map((u) => userResource(u, base)), total, paging.startIndex);
}

export async function getScimUser(deps: ServiceDeps, base: string, id: string) {
  const user = await findLive(deps.db, id);
  if (!user) throw notFound(id);
  return userResource(user, base);
}

export async function createScimUser(deps: ServiceDeps, base: string, body: unknown) {
  const input = parseUserBody(body);
  const email = emailOf(input.userName);
  const changes: UserChanges = { ...input.name, ...(input.displayName ? { displayName: input.displayName } : {}) };
  const active = input.active === undefined ? true : scimBoolean(input.active, 'active');
  const id = await deps.db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new ScimError(409, `A user with userName ${email} already exists.`, 'uniqueness');
    const user = await tx.user.create({
      data: { email, name: displayNameOf(changes, email), source: 'scim', scimExternalId: input.externalId ?? null, disabledAt: active ? null : deps.clock.now() },
    });
    await appendAudit(tx, { actorLabel: 'system:scim', action: 'scim.user_created', data: { userId: user.id, userName: email, externalId: input.externalId ?? null } });
    return user.id;
  });
  return getScimUser(deps, base, id);
}

/** Applies changes to one user in one transaction; deactivation offboards, reactivation enables. */
async function applyUserChanges(deps: ServiceDeps, id: string, changes: UserChanges, replace: boolean): Promise<void> {
  const now = deps.clock.now();
  const work: AfterCommit[] = await deps.db.$transaction(async (tx) => {
    if (!(uuid.safeParse(id).success && (await lockUserRow(tx, id)))) throw notFound(id);
    const user = await findLive(tx, id);
    if (!user) throw notFound(id);
    const data: { email?: string; name?: string; scimExternalId?: string | null } = {};
    if (changes.userName !== undefined) {
      const email = emailOf(changes.userName);
      if (email !== user.email) {
        if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new ScimError(409, `A user with userName ${email} already exists.`, 'uniqueness');
        data.email = email;
      }
    }
    if (replace || changes.displayName !== undefined || changes.formatted !== undefined || changes.givenName !== undefined || changes.familyName !== undefined) {
      data.name = displayNameOf(changes, user.name);
    }
    if (changes.externalId !== undefined) data.scimExternalId = changes.externalId;
    if (Object.keys(data).length) await tx.user.update({ where: { id }, data });

    let after: AfterCommit[] = [];
    if (changes.active === false && !user.disabledAt) after = (await offboardUserTx(tx, id, scim, 'scim', now)).work;
    if (changes.active === true && user.disabledAt) {
      await tx.user.update({ where: { id }, data: { disabledAt: null } });
      await appendAudit(tx, { actorLabel: 'system:scim', action: 'user.enabled', data: { email: data.email ?? user.email, via: 'scim' } });
    }
    await appendAudit(tx, { actorLabel: 'system:scim', action: 'scim.user_updated', data: { userId: id, userName: data.email ?? user.email, changes: { ...data, ...(changes.active !== undefined ? { active: changes.active } : {}) } } });
    // Every SCIM update re-evaluates the role from the user's IdP groups (the settings may have changed).
    return [...after, ...(await followIdpGroupsTx(tx, id, { lost: [], via: 'scim', now }))];
  });
  await Promise.all(work.map((item) => runAfterCommit(deps, scim, [item])));
}

export async function replaceScimUser(deps: ServiceDeps, base: string, id: string, body: unknown) {
  const input = parseUserBody(body);
  const changes: UserChanges = {
    userName: input.userName,
    ...input.name,
    ...(input.displayName ? { displayName: input.displayName } : {}),
    externalId: input.externalId ?? null,
    // PUT replaces: an absent `active` means active (RFC 7643 default), as Okta sends it.
    active: input.active === undefined ? true : scimBoolean(input.active, 'active'),
  };
  await applyUserChanges(deps, id, changes, true);
  return getScimUser(deps, base, id);
}

export async function patchScimUser(deps: ServiceDeps, base: string, id: string, operations: PatchOperation[]) {
  await applyUserChanges(deps, id, userChangesOf(operations), false);
  return getScimUser(deps, base, id);
}

/** DELETE: the user is offboarded and gone from SCIM; the row stays, as the actor of its evidence. */
export async function deleteScimUser(deps: ServiceDeps, id: string): Promise<void> {
  const now = deps.clock.now();
  const work = await deps.db.$transaction(async (tx) => {
    if (!(uuid.safeParse(id).success && (await lockUserRow(tx, id)))) throw notFound(id);
    const user = await findLive(tx, id);
    if (!user) throw notFound(id);
    const { work } = await offboardUserTx(tx, id, scim, 'scim', now);
    await tx.user.update({ where: { id }, data: { deletedAt: now } });
    // Its SCIM group memberships go with it; Timebox-managed ones stay (they are evidence of local decisions).
    await tx.groupMembership.deleteMany({ where: { userId: id, group: { source: 'scim' } } });
    await appendAudit(tx, { actorLabel: 'system:scim', action: 'scim.user_deleted', data: { userId: id, userName: user.email } });
    return work;
  });
  await Promise.all(work.map((item) => runAfterCommit(deps, scim, [item])));
}
