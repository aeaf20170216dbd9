import { describe, expect, it } from 'vitest';
import type { ActorContext } from './context';
import { can, grantableScopes, permissionsByRole, permissionsByScope, permissionsOf, whyNot, type Actor, type PortalRole } from './permissions';
import type { TokenScope } from './scopes';

const actor = (role: string, isApprover = false): Actor => ({ id: 'u', email: 'u@example.com', name: 'U', groups: [], role: role as PortalRole, isApprover });
const viaToken = (a: Actor, scopes: string[]): Pick<ActorContext, 'actor' | 'token'> => ({ actor: a, token: { id: 't', scopes: scopes as TokenScope[] } });

describe('roles', () => {
  it('each role holds everything the role below it holds', () => {
    for (const p of permissionsByRole.member) expect(permissionsByRole.auditor).toContain(p);
    for (const p of permissionsByRole.auditor) expect(permissionsByRole.admin).toContain(p);
  });

  it('keeps the trail from members and administration from auditors', () => {
    expect(can(actor('member'), 'audit.read')).toBe(false);
    expect(can(actor('auditor'), 'audit.read')).toBe(true);
    expect(can(actor('auditor'), 'portal.admin')).toBe(false);
    expect(can(actor('admin'), 'portal.admin')).toBe(true);
  });

  it('gives an inbox only to approvers', () => {
    expect(can(actor('member'), 'inbox.view')).toBe(false);
    expect(can(actor('member', true), 'inbox.view')).toBe(true);
    expect(can(actor('admin'), 'inbox.view')).toBe(false);
  });

  it('fails closed for an unknown role', () => {
    expect(permissionsOf(actor('superuser'))).toEqual(new Set());
    expect(grantableScopes(actor('superuser'))).toEqual([]);
  });
});

describe('tokens narrow their user', () => {
  it('allows only what both the role and a scope allow', () => {
    expect(can(viaToken(actor('admin'), ['requests']), 'requests.create')).toBe(true);
    expect(can(viaToken(actor('admin'), ['requests']), 'grants.manage')).toBe(false);
    // The scope alone gives nothing the role lacks.
    expect(can(viaToken(actor('member'), ['audit']), 'audit.read')).toBe(false);
    expect(can(viaToken(actor('member'), ['grants']), 'grants.revoke_any')).toBe(false);
    expect(can(viaToken(actor('admin'), ['grants']), 'grants.revoke_any')).toBe(true);
  });

  it('never reaches the portal-only permissions, whatever the scopes', () => {
    const everyScope = Object.keys(permissionsByScope);
    expect(can(viaToken(actor('admin', true), everyScope), 'portal.admin')).toBe(false);
    expect(can(viaToken(actor('admin', true), everyScope), 'inbox.view')).toBe(false);
  });

  it('ignores unknown and inherited property names as scopes', () => {
    expect(can(viaToken(actor('admin'), ['root', 'constructor', '__proto__']), 'requests.read')).toBe(false);
  });
});

describe('whyNot', () => {
  it('names the missing scope first, then the role', () => {
    expect(whyNot(viaToken(actor('member'), ['requests']), 'audit.read')).toEqual({ reason: 'scope', message: 'This token lacks the "audit" scope.' });
    expect(whyNot(viaToken(actor('member'), ['audit']), 'audit.read')).toEqual({ reason: 'role', message: 'Only auditors and admins can read the audit trail.' });
    expect(whyNot(viaToken(actor('admin'), ['requests']), 'portal.admin')).toEqual({ reason: 'scope', message: 'This cannot be done with an API token.' });
    expect(whyNot({ actor: actor('member') }, 'grants.revoke_any')?.message).toBe('Your account may not revoke anyone’s grant.');
    expect(whyNot({ actor: actor('admin') }, 'grants.revoke_any')).toBeNull();
  });
});

describe('grantableScopes', () => {
  it('holds audit back from members and activity from all but admins', () => {
    expect(grantableScopes(actor('member', true))).toEqual(['requests', 'approvals', 'grants', 'check']);
    expect(grantableScopes(actor('member'))).toEqual(['requests', 'approvals', 'grants', 'check']);
    expect(grantableScopes(actor('auditor'))).toEqual(['requests', 'approvals', 'grants', 'check', 'audit']);
    expect(grantableScopes(actor('admin'))).toEqual(['requests', 'approvals', 'grants', 'check', 'check_any', 'audit', 'activity', 'requests:delegate']);
  });

  it('lets only admins check anyone else, and only through check_any on a token', () => {
    for (const role of ['member', 'auditor'] as const) {
      expect(can(actor(role, true), 'access.check_any')).toBe(false);
      expect(grantableScopes(actor(role, true))).not.toContain('check_any');
    }
    expect(can(viaToken(actor('admin'), ['check']), 'access.check_any')).toBe(false);
    expect(can(viaToken(actor('admin'), ['check_any']), 'access.check_any')).toBe(true);
    expect(can(viaToken(actor('member'), ['check_any']), 'access.check_any')).toBe(false);
  });
});
