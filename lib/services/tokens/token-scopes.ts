import { can, type Actor } from '@/lib/domain/permissions';
import { allScopes, isTokenScope, type TokenScope } from '@/lib/domain/scopes';

/**
 * Which scopes a user may put on a token. A token only ever narrows its user's rights, but two
 * scopes are held back from everyone else so a member's token cannot even ask for them:
 * - `audit` (read and export the trail): auditors and admins, the people who can open Audit.
 * - `activity` (write what a principal did on a target into the trail): admins only, because it
 *   adds evidence; a member able to report activity could fabricate it.
 */
export function grantableScopes(actor: Pick<Actor, 'role' | 'isApprover'>): TokenScope[] {
  return allScopes.filter((scope) => {
    if (scope === 'audit') return can(actor, 'audit');
    if (scope === 'activity') return can(actor, 'admin');
    return true;
  });
}

/**
 * The scopes a stored token really carries for its user today: unknown names (from an older
 * version) are dropped, and so are scopes the user has since lost (an auditor moved back to member).
 */
export function effectiveScopes(stored: readonly string[], actor: Pick<Actor, 'role' | 'isApprover'>): TokenScope[] {
  const allowed = new Set(grantableScopes(actor));
  return [...new Set(stored)].filter((s): s is TokenScope => isTokenScope(s) && allowed.has(s));
}
