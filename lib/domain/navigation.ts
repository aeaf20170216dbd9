import { capabilitiesOf, type Actor, type Capability } from './permissions';

export interface NavItem {
  href: string;
  label: string;
  requires: Capability;
}

// The portal's sections in display order; each shows only to actors holding its capability.
export const navItems: readonly NavItem[] = [
  { href: '/requests/new', label: 'Request access', requires: 'request' },
  { href: '/requests', label: 'My requests', requires: 'request' },
  { href: '/grants', label: 'Grants', requires: 'request' },
  { href: '/inbox', label: 'Inbox', requires: 'review' },
  { href: '/audit', label: 'Audit', requires: 'audit' },
  { href: '/admin', label: 'Admin', requires: 'admin' },
];

export function navigationFor(actor: Pick<Actor, 'role' | 'isApprover'>): NavItem[] {
  const caps = capabilitiesOf(actor);
  return navItems.filter((item) => caps.has(item.requires));
}
