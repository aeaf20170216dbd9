import type { Actor } from './permissions';
import type { TokenScope } from './scopes';

/** Who is acting and through what: every service call carries one, and every audit event records it. */
export interface ActorContext {
  actor: Actor;
  via: 'web' | 'api' | 'cli';
  /** Set when acting through an API token: its id and the scopes that narrow the user's rights. */
  token?: { id: string; scopes: readonly TokenScope[] };
  ip?: string | null;
  userAgent?: string | null;
}

/** The scheduler and other unattended work act as the system, never as a user. */
export interface SystemContext {
  system: 'scheduler' | 'seed' | 'reconciler' | 'connector' | 'scim' | 'oidc';
}
