import { z } from 'zod';
import { ScimError } from './scim-error';

// PATCH as Okta and Entra ID really send it (RFC 7644 §3.5.2). Entra capitalises ops ("Replace"),
// sends booleans as strings ("False"), and both put attributes either in `path` or in a `value` object.

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const operation = z.object({
  op: z.string().transform((v) => v.toLowerCase()).pipe(z.enum(['add', 'remove', 'replace'], { message: 'op must be add, remove or replace' })),
  path: z.string().optional(),
  value: z.unknown().optional(),
});
const patchBody = z.object({ schemas: z.array(z.string()).optional(), Operations: z.array(operation).min(1).max(1000) });
export type PatchOperation = z.infer<typeof operation>;

export function parsePatch(body: unknown): PatchOperation[] {
  const parsed = patchBody.safeParse(body);
  if (!parsed.success) throw new ScimError(400, `Not a SCIM PatchOp: ${parsed.error.issues[0]?.message ?? 'bad body'}.`, 'invalidSyntax');
  return parsed.data.Operations;
}

/** "True"/"False" strings (Entra) and real booleans both count; anything else is invalidValue. */
export function scimBoolean(value: unknown, attribute: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new ScimError(400, `${attribute} must be true or false.`, 'invalidValue');
}

/** What a user PATCH asks for, flattened: only the attributes Timebox keeps. */
export interface UserChanges {
  active?: boolean;
  userName?: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  formatted?: string;
  externalId?: string | null;
}

const str = (value: unknown, attribute: string): string => {
  if (typeof value !== 'string') throw new ScimError(400, `${attribute} must be a string.`, 'invalidValue');
  return value;
};

function setUserAttribute(changes: UserChanges, path: string, value: unknown, op: string): void {
  const key = path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/i, '').toLowerCase();
  if (key === 'active') changes.active = op === 'remove' ? false : scimBoolean(value, 'active');
  else if (key === 'username') changes.userName = str(value, 'userName');
  else if (key === 'displayname') changes.displayName = str(value, 'displayName');
  else if (key === 'externalid') changes.externalId = op === 'remove' ? null : str(value, 'externalId');
  else if (key === 'name.givenname') changes.givenName = str(value, 'name.givenName');
  else if (key === 'name.familyname') changes.familyName = str(value, 'name.familyName');
  else if (key === 'name.formatted') changes.formatted = str(value, 'name.formatted');
  else if (key === 'name' && value && typeof value === 'object') {
    const name = value as Record<string, unknown>;
    if (typeof name.givenName === 'string') changes.givenName = name.givenName;
    if (typeof name.familyName === 'string') changes.familyName = name.familyName;
    if (typeof name.formatted === 'string') changes.formatted = name.formatted;
  }
  // Other attributes (emails, title, department, enterprise extension…) are accepted and not kept:
  // Entra sends many of them, and refusing would stop its whole provisioning cycle.
}

export function userChangesOf(operations: readonly PatchOperation[]): UserChanges {
  const changes: UserChanges = {};
  for (const { op, path, value } of operations) {
    if (path) setUserAttribute(changes, path, value, op);
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, v] of Object.entries(value)) setUserAttribute(changes, key, v, op);
    } else throw new ScimError(400, 'An operation without a path needs an object value.', 'invalidSyntax');
  }
  return changes;
}

/** What a group PATCH asks for: a new name, members to add, members to remove, or a full member list. */
export interface GroupChanges {
  displayName?: string;
  externalId?: string | null;
  add: string[];
  remove: string[];
  replaceMembers?: string[];
}

const MEMBER_FILTER = /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i;

function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((m) => {
    if (m && typeof m === 'object' && typeof (m as { value?: unknown }).value === 'string') return (m as { value: string }).value;
    throw new ScimError(400, 'members must be a list of {"value": "<user id>"}.', 'invalidValue');
  });
}

export function groupChangesOf(operations: readonly PatchOperation[]): GroupChanges {
  const changes: GroupChanges = { add: [], remove: [] };
  for (const { op, path, value } of operations) {
    const filtered = path ? MEMBER_FILTER.exec(path) : null;
    const key = path?.toLowerCase();
    if (filtered && op === 'remove') changes.remove.push(filtered[1]!);
    else if (key === 'members') {
      if (op === 'add') changes.add.push(...memberIds(value));
      else if (op === 'remove') {
        // A remove of `members` with no value removes them all (RFC 7644 §3.5.2.2).
        if (value === undefined) changes.replaceMembers = [];
        else changes.remove.push(...memberIds(value));
      } else changes.replaceMembers = memberIds(value);
    } else if (key === 'displayname') changes.displayName = str(value, 'displayName');
    else if (key === 'externalid') changes.externalId = op === 'remove' ? null : str(value, 'externalId');
    else if (!path && value && typeof value === 'object' && !Array.isArray(value)) {
      const v = value as Record<string, unknown>;
      if (typeof v.displayName === 'string') changes.displayName = v.displayName;
      if (typeof v.externalId === 'string') changes.externalId = v.externalId;
      if (v.members !== undefined) {
        if (op === 'add') changes.add.push(...memberIds(v.members));
        else changes.replaceMembers = memberIds(v.members);
      }
    } else if (path) throw new ScimError(400, `Unsupported path for a group: ${path}.`, 'invalidPath');
    else throw new ScimError(400, 'An operation without a path needs an object value.', 'invalidSyntax');
  }
  return changes;
}
