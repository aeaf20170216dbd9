// What an API token may do, narrowed from its user's rights. Unknown scopes grant nothing.
export const tokenScopes = {
  requests: 'create, read and cancel your own access requests',
  approvals: 'approve and deny requests you are an approver for',
  grants: 'read, revoke and extend your grants',
  check: 'ask whether a user holds a role right now (for target systems)',
  audit: 'read and export the audit trail (auditors and admins)',
  activity: 'report what a principal did on a target',
  'requests:delegate': 'submit access requests on behalf of other users (for pipelines; admins only)',
} as const;

export type TokenScope = keyof typeof tokenScopes;
export const allScopes = Object.keys(tokenScopes) as TokenScope[];
export const defaultScopes: TokenScope[] = ['requests', 'grants'];

export const isTokenScope = (value: string): value is TokenScope => Object.hasOwn(tokenScopes, value);
