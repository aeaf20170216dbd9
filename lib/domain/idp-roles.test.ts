import { describe, expect, it } from 'vitest';
import { nextRole, roleFromGroups } from './idp-roles';

const settings = { adminGroups: ['tbx-admins'], auditorGroups: ['tbx-auditors', 'Compliance Team'], idpDecides: false };
const decides = { ...settings, idpDecides: true };

describe('roleFromGroups', () => {
  it('puts admin before auditor before member', () => {
    expect(roleFromGroups(['tbx-auditors', 'tbx-admins'], settings)).toBe('admin');
    expect(roleFromGroups(['Compliance Team'], settings)).toBe('auditor');
    expect(roleFromGroups(['platform'], settings)).toBe('member');
  });
});

describe('nextRole', () => {
  it('raises a role from the groups and marks it as the IdP’s', () => {
    expect(nextRole({ role: 'member', fromIdp: false }, ['tbx-admins'], settings)).toEqual({ role: 'admin', fromIdp: true });
    expect(nextRole({ role: 'auditor', fromIdp: false }, ['tbx-admins'], settings)).toEqual({ role: 'admin', fromIdp: true });
  });

  it('takes back what the IdP gave, down to what the groups still give', () => {
    expect(nextRole({ role: 'admin', fromIdp: true }, ['tbx-auditors'], settings)).toEqual({ role: 'auditor', fromIdp: true });
    expect(nextRole({ role: 'admin', fromIdp: true }, [], settings)).toEqual({ role: 'member', fromIdp: false });
  });

  it('keeps a role given by hand unless the IdP decides', () => {
    expect(nextRole({ role: 'admin', fromIdp: false }, [], settings)).toBeNull();
    expect(nextRole({ role: 'admin', fromIdp: false }, ['tbx-auditors'], settings)).toBeNull();
    expect(nextRole({ role: 'admin', fromIdp: false }, [], decides)).toEqual({ role: 'member', fromIdp: false });
    expect(nextRole({ role: 'member', fromIdp: false }, ['tbx-auditors'], decides)).toEqual({ role: 'auditor', fromIdp: true });
  });

  it('changes nothing when nothing changes, or when no group is configured', () => {
    expect(nextRole({ role: 'admin', fromIdp: true }, ['tbx-admins'], settings)).toBeNull();
    expect(nextRole({ role: 'member', fromIdp: false }, ['platform'], settings)).toBeNull();
    expect(nextRole({ role: 'admin', fromIdp: false }, [], { adminGroups: [], auditorGroups: [], idpDecides: true })).toBeNull();
  });
});
