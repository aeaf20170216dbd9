import * as check from '@/app/api/v1/access/check/route';
import * as grant from '@/app/api/v1/grants/[id]/route';
import * as certificate from '@/app/api/v1/grants/[id]/certificate/route';
import * as credentials from '@/app/api/v1/grants/[id]/credentials/route';
import * as extend from '@/app/api/v1/grants/[id]/extend/route';
import * as revoke from '@/app/api/v1/grants/[id]/revoke/route';
import * as grants from '@/app/api/v1/grants/route';
import * as request from '@/app/api/v1/requests/[id]/route';
import * as approve from '@/app/api/v1/requests/[id]/approve/route';
import * as cancel from '@/app/api/v1/requests/[id]/cancel/route';
import * as deny from '@/app/api/v1/requests/[id]/deny/route';
import * as requests from '@/app/api/v1/requests/route';
import * as review from '@/app/api/v1/reviews/[grantId]/route';
import * as reviews from '@/app/api/v1/reviews/route';
import * as inbox from '@/app/api/v1/inbox/route';
import * as resources from '@/app/api/v1/resources/route';
import type { TokenScope } from '@/lib/domain/scopes';
import type { Handler } from '@/lib/testing/api-harness';

// Every /api/v1 endpoint with the scope it needs, for tests that sweep all of them. It imports the route
// handlers from app/, so it lives here beside the tests that use it: nothing under lib/ imports app/.
export const api = {
  listRequests: { handler: requests.GET as Handler, method: 'GET', path: '/api/v1/requests', scope: 'requests', hasId: false },
  createRequest: { handler: requests.POST as Handler, method: 'POST', path: '/api/v1/requests', scope: 'requests', hasId: false },
  getRequest: { handler: request.GET as Handler, method: 'GET', path: '/api/v1/requests/:id', scope: 'requests', hasId: true },
  approve: { handler: approve.POST as Handler, method: 'POST', path: '/api/v1/requests/:id/approve', scope: 'approvals', hasId: true },
  deny: { handler: deny.POST as Handler, method: 'POST', path: '/api/v1/requests/:id/deny', scope: 'approvals', hasId: true },
  cancel: { handler: cancel.POST as Handler, method: 'POST', path: '/api/v1/requests/:id/cancel', scope: 'requests', hasId: true },
  listGrants: { handler: grants.GET as Handler, method: 'GET', path: '/api/v1/grants', scope: 'grants', hasId: false },
  getGrant: { handler: grant.GET as Handler, method: 'GET', path: '/api/v1/grants/:id', scope: 'grants', hasId: true },
  revoke: { handler: revoke.POST as Handler, method: 'POST', path: '/api/v1/grants/:id/revoke', scope: 'grants', hasId: true },
  extend: { handler: extend.POST as Handler, method: 'POST', path: '/api/v1/grants/:id/extend', scope: 'grants', hasId: true },
  credentials: { handler: credentials.POST as Handler, method: 'POST', path: '/api/v1/grants/:id/credentials', scope: 'grants', hasId: true },
  certificate: { handler: certificate.POST as Handler, method: 'POST', path: '/api/v1/grants/:id/certificate', scope: 'grants', hasId: true },
  check: { handler: check.GET as Handler, method: 'GET', path: '/api/v1/access/check', scope: 'check', hasId: false },
  listReviews: { handler: reviews.GET as Handler, method: 'GET', path: '/api/v1/reviews', scope: 'approvals', hasId: false },
  reviewBreakGlass: { handler: review.POST as Handler, method: 'POST', path: '/api/v1/reviews/:grantId', scope: 'approvals', hasId: true },
  listResources: { handler: resources.GET as Handler, method: 'GET', path: '/api/v1/resources', scope: 'requests', hasId: false },
  inbox: { handler: inbox.GET as Handler, method: 'GET', path: '/api/v1/inbox', scope: 'approvals', hasId: false },
} as const satisfies Record<string, { handler: Handler; method: 'GET' | 'POST'; path: string; scope: TokenScope; hasId: boolean }>;

export type Endpoint = (typeof api)[keyof typeof api];

/** The path with `:id` filled in, and the params Next would pass. */
export const at = (endpoint: Endpoint, id?: string): { path: string; params: Record<string, string> } => {
  const name = /:(\w+)/.exec(endpoint.path)?.[1];
  return { path: endpoint.path.replace(/:\w+/, id ?? ''), params: id && name ? { [name]: id } : {} };
};
