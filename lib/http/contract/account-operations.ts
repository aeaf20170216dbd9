import { z } from 'zod';
import { deviceCodeInput, deviceTokenInput } from '@/lib/services/device/device-input';
import { one, op } from './operation';
import * as r from './responses';

// The caller's own account and token, the CLI's device sign-in, the resource list and the public SSH files.

export const accountOperations = {
  listResources: op({
    method: 'GET',
    path: '/api/v1/resources',
    tag: 'Requests',
    summary: 'What you may request',
    description: 'Every role the token’s user is eligible for, with the limits of its policy for them (longest duration, approvals, ticket, auto-approval).',
    scope: 'requests',
    response: one('items', z.array(r.catalogEntry)),
  }),
  whoami: op({
    method: 'GET',
    path: '/api/v1/me',
    tag: 'Account',
    summary: 'Who the token acts as',
    description: 'The token’s user (role, groups) and the token itself (scopes, expiry).',
    scope: 'any',
    response: r.whoami,
  }),
  revokeCurrentToken: op({
    method: 'POST',
    path: '/api/v1/tokens/current/revoke',
    tag: 'Account',
    summary: 'Revoke the token making the call',
    description: 'A token revoking itself (`timebox logout`): it stops working at once.',
    scope: 'any',
    body: z.object({}).strict(),
    response: one('token', r.tokenView),
    errors: [409],
  }),
  startDeviceSignIn: op({
    method: 'POST',
    path: '/api/v1/device/code',
    tag: 'CLI sign-in',
    summary: 'Start a device sign-in',
    description:
      'RFC 8628-style: the CLI gets a device code (its secret) and a short user code. A person signs in to the portal, opens `verificationUri`, types the user code and approves; the CLI polls `/api/v1/device/token`. Both codes expire after 10 minutes. Rate-limited per address (429).',
    scope: null,
    body: deviceCodeInput,
    response: r.deviceCode,
    errors: [429],
  }),
  redeemDeviceCode: op({
    method: 'POST',
    path: '/api/v1/device/token',
    tag: 'CLI sign-in',
    summary: 'Poll for the token of a device sign-in',
    description:
      'Once approved, answers the API token (12 hours, scopes requests, grants and approvals as the user holds them) — once. Until then 400 with `error.code` `authorization_pending`, `slow_down` (poll 5 s less often), `access_denied`, `expired_token` or `invalid_grant` (unknown or already used). Rate-limited per address (429).',
    scope: null,
    body: deviceTokenInput,
    response: r.deviceToken,
    errors: [429],
  }),
  sshCaKey: op({
    method: 'GET',
    path: '/api/v1/ssh/ca.pub',
    tag: 'SSH',
    summary: 'The SSH user CA public key',
    description: 'One OpenSSH line for sshd’s TrustedUserCAKeys. Public: no token.',
    scope: null,
    response: { contentType: 'text/plain', description: 'The CA public key.' },
    errors: [503],
  }),
  sshKrl: op({
    method: 'GET',
    path: '/api/v1/ssh/krl',
    tag: 'SSH',
    summary: 'The key revocation list',
    description: 'For sshd’s RevokedKeys: certificates of SSH grants revoked early. Public: no token. Always a valid KRL; 503 (with an empty KRL) when it cannot be built.',
    scope: null,
    response: { contentType: 'application/octet-stream', description: 'An OpenSSH KRL.', binary: true },
  }),
} as const;
