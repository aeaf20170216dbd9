import { grantableScopes, type Actor } from '@/lib/domain/permissions';
import type { TokenScope } from '@/lib/domain/scopes';

/** How long a pair of codes may wait for its approval (RFC 8628 expires_in). */
export const DEVICE_CODE_TTL_MS = 10 * 60_000;
/** The least time between two polls of one device code; a faster poll is told to slow down (and the gap grows). */
export const POLL_INTERVAL_SECONDS = 5;
export const SLOW_DOWN_STEP_SECONDS = 5;
/** The CLI's token expires: a laptop left signed in holds no lasting key. */
export const CLI_TOKEN_TTL_MS = 12 * 60 * 60_000;

// What the CLI needs for everyday use: requests and grants, and approvals for approvers. Never
// `requests:delegate`, `audit` or `check_any`: those are for pipelines and are given deliberately, on the tokens page.
const CLI_SCOPES: readonly TokenScope[] = ['requests', 'grants', 'approvals'];

/** The scopes a CLI token of this user gets: the CLI's set, narrowed to what the user may hold. */
export function cliScopes(actor: Pick<Actor, 'role' | 'isApprover'>): TokenScope[] {
  const allowed = new Set(grantableScopes(actor));
  return CLI_SCOPES.filter((s) => allowed.has(s));
}
