import type { GrantView, RequestView } from './api-types';
import { formatMinutes } from './duration';
import { printFacts, shortTime } from './output';

// How a request and a grant read in the terminal, shared by the commands that show one.

export const approvalsText = (r: RequestView) => (r.approvals ? `${r.approvals.approved}/${r.approvals.required}` : null);

export function printRequest(r: RequestView): void {
  printFacts([
    ['Request', r.id],
    ['Status', r.status],
    ['Role', `${r.resource}/${r.role}`],
    ['For', formatMinutes(r.durationMinutes)],
    ['Requester', r.requester.email],
    ['Why', r.justification],
    ['Ticket', r.ticket],
    ['Approvals', approvalsText(r)],
    ...r.reviews.map((v): [string, string] => [v.decision === 'approve' ? 'Approved by' : 'Denied by', `${v.reviewer.email}${v.comment ? `: ${v.comment}` : ''}`]),
    ['Created', shortTime(r.createdAt)],
    ...(r.grant ? grantFacts(r.grant) : []),
  ]);
}

function grantFacts(g: GrantView): [string, string | null][] {
  return [
    ['Grant', g.id],
    ['Grant status', g.status],
    ['Starts', shortTime(g.startsAt)],
    ['Ends', shortTime(g.expiresAt)],
    ...(g.failureReason ? ([['Failure', g.failureReason]] as [string, string][]) : []),
  ];
}

export function printGrant(g: GrantView): void {
  printFacts([['Role', `${g.resource}/${g.role}`], ['Holder', g.user.email], ...grantFacts(g)]);
}
