import { grantableScopes, type Actor } from '@/lib/domain/permissions';
import { isTokenScope, type TokenScope } from '@/lib/domain/scopes';

/**
 * The scopes a stored token really carries for its user today: unknown names (from an older
 * version) are dropped, and so are scopes the user has since lost (an auditor moved back to member).
 */
export function effectiveScopes(stored: readonly string[], actor: Pick<Actor, 'role' | 'isApprover'>): TokenScope[] {
  const allowed = new Set(grantableScopes(actor));
  return [...new Set(stored)].filter((s): s is TokenScope => isTokenScope(s) && allowed.has(s));
}
