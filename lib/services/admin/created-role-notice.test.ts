import { describe, expect, it } from 'vitest';
import { createdRoleNotice } from './created-role-notice';

describe('createdRoleNotice', () => {
  it('promises requesters can ask only when the policy raised no warning', () => {
    expect(createdRoleNotice([])).toEqual({ tone: 'success', text: 'Role created. Requesters in its eligible groups can ask for it now.' });
  });

  it('says the role exists but may not work when there is a warning, and promises nothing', () => {
    const notice = createdRoleNotice(['Group "ghosts" does not exist yet, so it has no members yet.', 'The approver groups have 0 distinct members, fewer than the 1 approvals required: requests cannot be approved until more people join.']);
    expect(notice.tone).toBe('warning');
    expect(notice.text).toMatch(/^Role created, but/);
    expect(notice.text).not.toMatch(/can ask for it now/);
  });
});
