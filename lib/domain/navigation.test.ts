import { describe, expect, it } from 'vitest';
import { navigationFor } from './navigation';
import type { PortalRole } from './permissions';

const labels = (role: string, isApprover = false, mayRequest = true) => navigationFor({ role: role as PortalRole, isApprover }, { mayRequest }).map((i) => i.label);

describe('navigationFor', () => {
  it('gives members the requester sections only', () => {
    expect(labels('member')).toEqual(['Request access', 'My requests', 'Grants']);
  });
  it('adds Inbox and break-glass Reviews for approvers', () => {
    expect(labels('member', true)).toEqual(['Request access', 'My requests', 'Grants', 'Inbox', 'Reviews']);
  });
  it('adds Audit for auditors but not Admin', () => {
    expect(labels('auditor')).toEqual(['Request access', 'My requests', 'Grants', 'Audit']);
  });
  it('adds Audit and Admin for admins', () => {
    expect(labels('admin')).toEqual(['Request access', 'My requests', 'Grants', 'Audit', 'Admin']);
  });
  it('offers Request access only to someone eligible for a role', () => {
    expect(labels('admin', false, false)).toEqual(['My requests', 'Grants', 'Audit', 'Admin']);
    expect(labels('auditor', false, false)).toEqual(['My requests', 'Grants', 'Audit']);
    expect(labels('member', true, false)).toEqual(['My requests', 'Grants', 'Inbox', 'Reviews']);
  });
  it('fails closed for an unknown role', () => {
    expect(labels('superuser')).toEqual([]);
    expect(labels('constructor')).toEqual([]);
  });
});
