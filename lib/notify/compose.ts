import type { NotificationMessage } from './message';
import { clip } from './message';

/** What messages about a request or a grant are built from; loaded by the enqueuing service. */
export interface RequestFacts {
  id: string;
  requester: { name: string; email: string };
  resource: string;
  role: string;
  durationMinutes: number;
  justification: string;
  ticket: string | null;
  extension: boolean;
}

export interface GrantFacts {
  id: string;
  requestId: string;
  holder: { name: string; email: string };
  resource: string;
  role: string;
  expiresAt: Date;
}

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const what = (f: { role: string; resource: string }) => `${f.role} on ${f.resource}`;
const who = (p: { name: string; email: string }) => p.name || p.email;

function requestFacts(r: RequestFacts): NotificationMessage['facts'] {
  return [
    ['Requester', `${who(r.requester)} <${r.requester.email}>`],
    ['Role', what(r)],
    [r.extension ? 'More time' : 'Duration', `${r.durationMinutes} min`],
    ['Justification', clip(r.justification)],
    ...(r.ticket ? ([['Ticket', clip(r.ticket, 100)]] as Array<[string, string]>) : []),
  ];
}

const requestEvent = (r: RequestFacts) => ({
  request: { id: r.id, requester: r.requester.email, resource: r.resource, role: r.role, durationMinutes: r.durationMinutes, ticket: r.ticket, extension: r.extension },
});
const grantEvent = (g: GrantFacts) => ({ grant: { id: g.id, requestId: g.requestId, holder: g.holder.email, resource: g.resource, role: g.role, expiresAt: g.expiresAt.toISOString() } });

export function needsApproval(r: RequestFacts): NotificationMessage {
  const verb = r.extension ? `wants ${r.durationMinutes} more min of` : 'wants';
  return {
    kind: 'request_needs_approval',
    subject: `Approve? ${who(r.requester)} ${verb} ${what(r)}${r.extension ? '' : ` for ${r.durationMinutes} min`}`,
    facts: requestFacts(r),
    link: { label: 'Review', path: `/inbox/${r.id}` },
    event: requestEvent(r),
  };
}

export function partlyApproved(r: RequestFacts, approvals: number, required: number, approver: string): NotificationMessage {
  return {
    kind: 'request_partly_approved',
    subject: `${approvals} of ${required} approvals: ${what(r)} (${approver} approved)`,
    facts: [['Role', what(r)], ['Approvals', `${approvals} of ${required}`], ['Latest', approver]],
    link: { label: 'Open request', path: `/requests` },
    event: { ...requestEvent(r), approvals, required },
  };
}

export type RequestOutcome = 'approved' | 'denied' | 'expired' | 'cancelled';

export function decided(r: RequestFacts, outcome: RequestOutcome, by: string, comments: string[], grantId: string | null): NotificationMessage {
  const headline: Record<RequestOutcome, string> = {
    approved: `Approved by ${by}`,
    denied: `Denied by ${by}`,
    expired: 'Expired undecided',
    cancelled: `Withdrawn by ${by}`,
  };
  return {
    kind: 'request_decided',
    subject: `${headline[outcome]}: ${who(r.requester)}'s request for ${what(r)}`,
    facts: [['Role', what(r)], ['Decision', outcome], ...comments.map((c): [string, string] => ['Comment', clip(c)])],
    link: grantId ? { label: 'Open grant', path: `/grants/${grantId}` } : { label: 'Open request', path: '/requests' },
    event: { ...requestEvent(r), outcome, decidedBy: by, grantId },
  };
}

export function grantActive(g: GrantFacts): NotificationMessage {
  return {
    kind: 'grant_active',
    subject: `Active until ${utc(g.expiresAt)}: ${what(g)}`,
    facts: [['Role', what(g)], ['Ends', utc(g.expiresAt)]],
    link: { label: 'Open grant', path: `/grants/${g.id}` },
    event: grantEvent(g),
  };
}

export function endsSoon(g: GrantFacts, minutesLeft: number): NotificationMessage {
  return {
    kind: 'grant_ends_soon',
    subject: `Ends in ${minutesLeft} min: ${what(g)} — extend?`,
    facts: [['Role', what(g)], ['Ends', utc(g.expiresAt)]],
    link: { label: 'Extend', path: `/grants/${g.id}` },
    event: grantEvent(g),
  };
}

export function grantEnded(g: GrantFacts, how: 'expired' | 'revoked' | 'failed', by: string | null, reason: string | null): NotificationMessage {
  const headline = how === 'expired' ? 'Ended on time' : how === 'revoked' ? `Revoked${by ? ` by ${by}` : ''}` : 'Could not be started';
  return {
    kind: 'grant_ended',
    subject: `${headline}: ${what(g)}`,
    facts: [['Role', what(g)], ['Ended', how], ...(reason ? ([['Why', clip(reason)]] as Array<[string, string]>) : [])],
    link: { label: 'Open grant', path: `/grants/${g.id}` },
    event: { ...grantEvent(g), ended: how, by, reason },
  };
}

export function revocationFailing(g: GrantFacts, attempts: number, lastError: string): NotificationMessage {
  return {
    kind: 'revocation_failing',
    subject: `Revocation failing (${attempts} tries): ${what(g)} for ${who(g.holder)}`,
    facts: [['Role', what(g)], ['Holder', g.holder.email], ['Attempts', String(attempts)], ['Last error', clip(lastError, 300)]],
    link: { label: 'Open grant', path: `/grants/${g.id}` },
    urgent: true,
    event: { ...grantEvent(g), attempts, lastError: clip(lastError, 300) },
  };
}

export function breakGlassStarted(g: GrantFacts, justification: string): NotificationMessage {
  return {
    kind: 'break_glass_started',
    subject: `Break-glass: ${who(g.holder)} took ${what(g)} until ${utc(g.expiresAt)}`,
    facts: [['Holder', `${who(g.holder)} <${g.holder.email}>`], ['Role', what(g)], ['Ends', utc(g.expiresAt)], ['Justification', clip(justification)]],
    link: { label: 'Open grant', path: `/grants/${g.id}` },
    urgent: true,
    event: { ...grantEvent(g), justification: clip(justification) },
  };
}
