import { describe, expect, it } from 'vitest';
import type { PortalRole } from '@/lib/domain/permissions';
import { effectiveScopes, grantableScopes } from './token-scopes';

const actor = (role: string, isApprover = false) => ({ role: role as PortalRole, isApprover });

describe('grantableScopes', () => {
  it('holds audit back from members and activity from all but admins', () => {
    expect(grantableScopes(actor('member', true))).toEqual(['requests', 'approvals', 'grants', 'check']);
    expect(grantableScopes(actor('auditor'))).toEqual(['requests', 'approvals', 'grants', 'check', 'audit']);
    expect(grantableScopes(actor('admin'))).toEqual(['requests', 'approvals', 'grants', 'check', 'audit', 'activity']);
  });
  it('fails closed for an unknown role', () => {
    expect(grantableScopes(actor('superuser'))).not.toContain('audit');
    expect(grantableScopes(actor('superuser'))).not.toContain('activity');
  });
});

describe('effectiveScopes', () => {
  it('drops unknown names, duplicates and scopes the user has lost', () => {
    expect(effectiveScopes(['requests', 'audit', 'root', 'requests', 'constructor'], actor('member'))).toEqual(['requests']);
    expect(effectiveScopes(['audit', 'check'], actor('auditor'))).toEqual(['audit', 'check']);
  });
});
