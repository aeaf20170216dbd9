import { describe, expect, it } from 'vitest';
import type { PortalRole } from '@/lib/domain/permissions';
import { effectiveScopes } from './token-scopes';

const actor = (role: string, isApprover = false) => ({ role: role as PortalRole, isApprover });

describe('effectiveScopes', () => {
  it('drops unknown names, duplicates and scopes the user has lost', () => {
    expect(effectiveScopes(['requests', 'audit', 'root', 'requests', 'constructor'], actor('member'))).toEqual(['requests']);
    expect(effectiveScopes(['audit', 'check'], actor('auditor'))).toEqual(['audit', 'check']);
  });
});
