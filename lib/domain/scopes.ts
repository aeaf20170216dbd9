// What an API token may do, narrowed from its user's rights. Unknown scopes grant nothing.
export const tokenScopes = {
  requests: 'create, read and cancel your own access requests',
  approvals: 'approve and deny requests you are an approver for',
  grants: 'read, revoke and extend your grants',
  check: 'ask whether you hold a role right now',
  check_any: 'ask whether anyone holds a role right now (target systems; admins only)',
  audit: 'read and export the audit trail (auditors and admins)',
  activity: 'report what a principal did on a target',
  'requests:delegate': 'submit access requests on behalf of other users (for pipelines; admins only)',
} as const;

export type TokenScope = keyof typeof tokenScopes;
export const allScopes = Object.keys(tokenScopes) as TokenScope[];
export const defaultScopes: TokenScope[] = ['requests', 'grants'];

export const isTokenScope = (value: string): value is TokenScope => Object.hasOwn(tokenScopes, value);

// A wider scope that contains a narrower one: a check_any token may call what a check token may.
const containedScopes: Partial<Record<TokenScope, readonly TokenScope[]>> = { check_any: ['check'] };

/** Whether a token with `scopes` may call an endpoint that needs `wanted`. */
export const scopesInclude = (scopes: readonly TokenScope[], wanted: TokenScope): boolean =>
  scopes.some((scope) => scope === wanted || (Object.hasOwn(containedScopes, scope) && containedScopes[scope]!.includes(wanted)));
