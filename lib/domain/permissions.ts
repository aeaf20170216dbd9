// Who may do what, as data. Unknown roles or capabilities grant nothing (fail closed).

export type PortalRole = 'member' | 'auditor' | 'admin';
export type Capability = 'request' | 'review' | 'audit' | 'admin';

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: PortalRole;
  groups: string[];
  /** Member of a group that approves at least one live policy. */
  isApprover: boolean;
}

const capabilitiesByRole: Record<PortalRole, readonly Capability[]> = {
  member: ['request'],
  auditor: ['request', 'audit'],
  admin: ['request', 'audit', 'admin'],
};

export function capabilitiesOf(actor: Pick<Actor, 'role' | 'isApprover'>): Set<Capability> {
  const fromRole = Object.hasOwn(capabilitiesByRole, actor.role) ? capabilitiesByRole[actor.role] : [];
  const caps = new Set<Capability>(fromRole);
  if (actor.isApprover) caps.add('review');
  return caps;
}

export function can(actor: Pick<Actor, 'role' | 'isApprover'>, capability: Capability): boolean {
  return capabilitiesOf(actor).has(capability);
}
