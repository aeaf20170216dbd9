// How far a request is from approval, in the words the requester and approvers see.

export interface ApprovalProgress {
  approved: number;
  required: number;
  approverGroups: string[];
}

/** "1 of 2 approvals — needs 1 more from sre-leads"; "2 of 2 approvals" once there are enough. */
export function approvalProgressText({ approved, required, approverGroups }: ApprovalProgress): string {
  const count = `${approved} of ${required} approval${required === 1 ? '' : 's'}`;
  if (approved >= required) return count;
  const from = approverGroups.length ? ` from ${approverGroups.join(' or ')}` : '';
  return `${count} — needs ${required - approved} more${from}`;
}
