import { permissionsOf, type Actor, type Permission } from './permissions';

export interface NavItem {
  href: string;
  label: string;
  requires: Permission;
}

// The portal's sections in display order; each shows only to actors holding its permission.
export const navItems: readonly NavItem[] = [
  { href: '/requests/new', label: 'Request access', requires: 'requests.create' },
  { href: '/requests', label: 'My requests', requires: 'requests.read' },
  { href: '/grants', label: 'Grants', requires: 'grants.read' },
  { href: '/inbox', label: 'Inbox', requires: 'inbox.view' },
  { href: '/inbox/reviews', label: 'Reviews', requires: 'inbox.view' },
  { href: '/audit', label: 'Audit', requires: 'audit.read' },
  { href: '/admin', label: 'Admin', requires: 'portal.admin' },
];

export function navigationFor(actor: Pick<Actor, 'role' | 'isApprover'>): NavItem[] {
  const held = permissionsOf(actor);
  return navItems.filter((item) => held.has(item.requires));
}
