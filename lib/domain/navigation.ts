import { permissionsOf, type Actor, type Permission } from './permissions';

export interface NavItem {
  href: string;
  label: string;
  requires: Permission;
  /** Shown only when the actor may request at least one role now (a permission alone promises too much). */
  needsEligibility?: true;
}

/** What the actor can do right now beyond their role: looked up by the caller (the domain does no I/O). */
export interface NavFacts {
  /** Eligible for at least one live role: "Request access" would offer something. */
  mayRequest: boolean;
}

// The portal's sections in display order; each shows only to actors holding its permission.
export const navItems: readonly NavItem[] = [
  { href: '/requests/new', label: 'Request access', requires: 'requests.create', needsEligibility: true },
  { href: '/requests', label: 'My requests', requires: 'requests.read' },
  { href: '/grants', label: 'Grants', requires: 'grants.read' },
  { href: '/inbox', label: 'Inbox', requires: 'inbox.view' },
  { href: '/inbox/reviews', label: 'Reviews', requires: 'inbox.view' },
  { href: '/audit', label: 'Audit', requires: 'audit.read' },
  { href: '/admin', label: 'Admin', requires: 'portal.admin' },
];

/**
 * The sections that lead somewhere for this actor: their permissions (Inbox comes with being an
 * approver of a live policy), and "Request access" only while some role is open to them.
 */
export function navigationFor(actor: Pick<Actor, 'role' | 'isApprover'>, facts: NavFacts): NavItem[] {
  const held = permissionsOf(actor);
  return navItems.filter((item) => held.has(item.requires) && (!item.needsEligibility || facts.mayRequest));
}
