// The parts of the /api/v1 answers the CLI reads (the full shapes: lib/http/contract/responses.ts and
// GET /api/openapi.json). Kept narrow on purpose: the CLI is a client and must not import server code.

export interface RequestView {
  id: string;
  status: 'pending' | 'approved' | 'denied' | 'cancelled' | 'expired';
  resource: string;
  role: string;
  requester: { email: string; name: string };
  durationMinutes: number;
  justification: string;
  ticket: string | null;
  startAt: string | null;
  createdAt: string;
  expiresAt: string;
  reviews: { reviewer: { email: string }; decision: 'approve' | 'deny'; comment: string | null }[];
  approvals: { approved: number; required: number } | null;
  grant: GrantView | null;
}

export interface GrantView {
  id: string;
  status: string;
  resource: string;
  resourceKind: string;
  role: string;
  user: { email: string };
  startsAt: string;
  expiresAt: string;
  failureReason: string | null;
}

export interface CatalogEntry {
  resource: string;
  resourceName: string;
  resourceKind: string;
  role: string;
  description: string;
  policy: { maxDurationMinutes: number; requiredApprovals: number; ticketRequired: boolean; ticketExample: string | null; autoApproveUpToMinutes: number | null };
}

// The credentials endpoint answers the connectors' own shape (type only: nothing of the server is loaded).
export type { DatabaseCredentials } from '@/lib/connectors/types';

export interface Whoami {
  user: { email: string; name: string; role: string; groups: string[] };
  token: { id: string; name: string; scopes: string[]; expiresAt: string | null };
}
