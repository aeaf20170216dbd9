import { z } from 'zod';
import { appendAudit } from '@/lib/audit/append';
import type { Tx } from '@/lib/db/client';
import { parseEqFilter } from '@/lib/scim/filter';
import { groupChangesOf, type GroupChanges, type PatchOperation } from '@/lib/scim/patch';
import { groupResource, listResponse } from '@/lib/scim/resources';
import { ScimError } from '@/lib/scim/scim-error';
import type { ServiceDeps } from '../deps';
import { followIdpGroupsTx, idpGroupsMatter, idpSettings } from '../identity/follow-idp';
import { runAfterCommit, type AfterCommit } from '../lifecycle/after-commit';

// SCIM Groups: only groups with source "scim" exist for SCIM. A group managed in Timebox (or mirrored
// from the OIDC claim) is invisible here and can never be renamed, filled or deleted by the IdP; a SCIM
// group whose name is taken by one of them is refused as a uniqueness conflict.
const include = { memberships: { include: { user: { select: { id: true, email: true } } } } } as const;
const uuid = z.uuid();
const groupBody = z.looseObject({
  displayName: z.string().trim().min(1, 'displayName is required').max(200),
  externalId: z.string().max(500).optional(),
  members: z.array(z.looseObject({ value: z.string() })).max(10_000).optional(),
});

const notFound = (id: string) => new ScimError(404, `Group ${id} not found.`);

/**
 * After a membership change: roles and group-loss revocations for each user it touched (lib/services/
 * identity/follow-idp.ts), in id order so two concurrent updates lock users in the same order.
 */
async function followMembers(tx: Tx, touched: ReadonlyMap<string, readonly string[]>, now: Date): Promise<AfterCommit[]> {
  const settings = idpSettings();
  if (!idpGroupsMatter(settings)) return [];
  const work: AfterCommit[] = [];
  for (const userId of [...touched.keys()].sort()) work.push(...(await followIdpGroupsTx(tx, userId, { lost: touched.get(userId)!, via: 'scim', now }, settings)));
  return work;
}

// A big group's members are each re-evaluated in the change's transaction when roles or group loss follow
// the IdP (a few queries per member): more than the 5 s default for thousands of members.
const GROUP_TX = { timeout: 60_000 } as const;

async function runWork(deps: ServiceDeps, work: readonly AfterCommit[]): Promise<void> {
  await Promise.all(work.map((item) => runAfterCommit(deps, { system: 'scim' }, [item])));
}

async function findScimGroup(tx: Pick<Tx, 'group'>, id: string) {
  if (!uuid.safeParse(id).success) return null;
  return tx.group.findFirst({ where: { id, source: 'scim' }, include });
}

function parseGroupBody(body: unknown) {
  const parsed = groupBody.safeParse(body);
  if (!parsed.success) throw new ScimError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '), 'invalidValue');
  return parsed.data;
}

async function refuseTakenName(tx: Tx, name: string, except?: string) {
  const taken = await tx.group.findUnique({ where: { name }, select: { id: true } });
  if (taken && taken.id !== except) throw new ScimError(409, `A group named ${name} already exists.`, 'uniqueness');
}

/** Only live users SCIM can see may be members; an unknown id is the client's mistake, said plainly. */
async function memberUsers(tx: Tx, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const valid = unique.filter((id) => uuid.safeParse(id).success);
  const users = await tx.user.findMany({ where: { id: { in: valid }, deletedAt: null }, select: { id: true, email: true } });
  if (users.length !== unique.length) {
    const missing = unique.filter((id) => !users.some((u) => u.id === id));
    throw new ScimError(400, `No such user: ${missing.slice(0, 5).join(', ')}.`, 'invalidValue');
  }
  return users;
}

export async function listScimGroups(deps: ServiceDeps, base: string, params: URLSearchParams, paging: { skip: number; take: number; startIndex: number }) {
  const filter = parseEqFilter(params.get('filter'), ['displayName', 'externalId']);
  const where = {
    source: 'scim',
    ...(filter?.attribute === 'displayName' ? { name: filter.value } : {}),
    ...(filter?.attribute === 'externalId' ? { externalId: filter.value } : {}),
  };
  const withMembers = !/\bmembers\b/i.test(params.get('excludedAttributes') ?? '');
  const [total, groups] = await Promise.all([
    deps.db.group.count({ where }),
    deps.db.group.findMany({ where, include, orderBy: { createdAt: 'asc' }, skip: paging.skip, take: paging.take }),
  ]);
  return listResponse(groups.map((g) => groupResource(g, base, withMembers)), total, paging.startIndex);
}

export async function getScimGroup(deps: ServiceDeps, base: string, id: string, params?: URLSearchParams) {
  const group = await findScimGroup(deps.db, id);
  if (!group) throw notFound(id);
  return groupResource(group, base, !/\bmembers\b/i.test(params?.get('excludedAttributes') ?? ''));
}

export async function createScimGroup(deps: ServiceDeps, base: string, body: unknown) {
  const input = parseGroupBody(body);
  const id = await deps.db.$transaction(async (tx) => {
    await refuseTakenName(tx, input.displayName);
    const members = await memberUsers(tx, (input.members ?? []).map((m) => m.value));
    const group = await tx.group.create({ data: { name: input.displayName, source: 'scim', externalId: input.externalId ?? null, description: 'Provisioned by SCIM' } });
    if (members.length) await tx.groupMembership.createMany({ data: members.map((u) => ({ userId: u.id, groupId: group.id })) });
    await appendAudit(tx, { actorLabel: 'system:scim', action: 'scim.group_created', data: { groupId: group.id, displayName: group.name, members: members.map((u) => u.email) } });
    await followMembers(tx, new Map(members.map((u) => [u.id, []])), deps.clock.now());
    return group.id;
  }, GROUP_TX);
  return getScimGroup(deps, base, id);
}

async function applyGroupChanges(deps: ServiceDeps, id: string, changes: GroupChanges): Promise<void> {
  const work = await deps.db.$transaction(async (tx) => {
    const group = await findScimGroup(tx, id);
    if (!group) throw notFound(id);
    const current = new Map(group.memberships.map((m) => [m.user.id, m.user.email]));
    if (changes.displayName !== undefined && changes.displayName !== group.name) await refuseTakenName(tx, changes.displayName, group.id);
    await tx.group.update({
      where: { id },
      data: { ...(changes.displayName !== undefined ? { name: changes.displayName } : {}), ...(changes.externalId !== undefined ? { externalId: changes.externalId } : {}) },
    });

    const wanted = changes.replaceMembers ? new Set(changes.replaceMembers) : new Set(current.keys());
    for (const userId of changes.add) wanted.add(userId);
    for (const userId of changes.remove) wanted.delete(userId);
    const toAdd = await memberUsers(tx, [...wanted].filter((u) => !current.has(u)));
    const toRemove = [...current.keys()].filter((u) => !wanted.has(u));
    if (toAdd.length) await tx.groupMembership.createMany({ data: toAdd.map((u) => ({ userId: u.id, groupId: id })), skipDuplicates: true });
    if (toRemove.length) await tx.groupMembership.deleteMany({ where: { groupId: id, userId: { in: toRemove } } });

    const renamed = changes.displayName !== undefined && changes.displayName !== group.name;
    await appendAudit(tx, {
      actorLabel: 'system:scim',
      action: 'scim.group_updated',
      data: {
        groupId: id,
        displayName: changes.displayName ?? group.name,
        ...(renamed ? { renamedFrom: group.name } : {}),
        added: toAdd.map((u) => u.email),
        removed: toRemove.map((u) => current.get(u)!),
      },
    });
    // Who lost what: the removed members lose the group; on a rename, everyone who was in it loses the old name.
    const touched = new Map<string, string[]>([...toAdd.map((u) => [u.id, []] as [string, string[]]), ...toRemove.map((u) => [u, [group.name]] as [string, string[]])]);
    if (renamed) for (const userId of current.keys()) touched.set(userId, [group.name]);
    return followMembers(tx, touched, deps.clock.now());
  }, GROUP_TX);
  await runWork(deps, work);
}

export async function replaceScimGroup(deps: ServiceDeps, base: string, id: string, body: unknown) {
  const input = parseGroupBody(body);
  await applyGroupChanges(deps, id, { displayName: input.displayName, externalId: input.externalId ?? null, add: [], remove: [], replaceMembers: (input.members ?? []).map((m) => m.value) });
  return getScimGroup(deps, base, id);
}

export async function patchScimGroup(deps: ServiceDeps, base: string, id: string, operations: PatchOperation[]) {
  await applyGroupChanges(deps, id, groupChangesOf(operations));
  return getScimGroup(deps, base, id);
}

export async function deleteScimGroup(deps: ServiceDeps, id: string): Promise<void> {
  const work = await deps.db.$transaction(async (tx) => {
    const group = await findScimGroup(tx, id);
    if (!group) throw notFound(id);
    await tx.group.delete({ where: { id } });
    await appendAudit(tx, { actorLabel: 'system:scim', action: 'scim.group_deleted', data: { groupId: id, displayName: group.name } });
    return followMembers(tx, new Map(group.memberships.map((m) => [m.user.id, [group.name]])), deps.clock.now());
  }, GROUP_TX);
  await runWork(deps, work);
}
