import autocannon from 'autocannon';

// The traffic of a busy morning, as a bounded mix: requesters ask for an auto-approved role (a grant
// at once) and for a reviewed one (pending), an approver approves what is pending, a service account
// checks access, holders revoke some grants early. Grants last one minute, so expiries happen during
// the run and race the revocations. Every answer is counted by action and status.

export interface Tokens {
  requesters: { email: string; secret: string }[];
  approver: string;
  checker: string;
}

export type Action = 'request-auto' | 'request-reviewed' | 'approve' | 'check' | 'revoke';
export type Tally = Record<Action, Record<number, number>>;

const weights: [Action, number][] = [
  ['request-auto', 3],
  ['request-reviewed', 2],
  ['approve', 2],
  ['check', 6],
  ['revoke', 1],
];
const totalWeight = weights.reduce((sum, [, w]) => sum + w, 0);
const pick = (): Action => {
  let r = Math.random() * totalWeight;
  for (const [action, w] of weights) if ((r -= w) < 0) return action;
  return 'check';
};

interface Shared {
  tokens: Tokens;
  pending: string[];
  grants: { id: string; secret: string }[];
  tally: Tally;
}

const json = (secret: string) => ({ authorization: `Bearer ${secret}`, 'content-type': 'application/json' });
const anyOf = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;

function nextRequest(shared: Shared, context: Record<string, unknown>, req: autocannon.Request): autocannon.Request {
  const { tokens } = shared;
  let action = pick();
  if (action === 'approve' && shared.pending.length === 0) action = 'check';
  if (action === 'revoke' && shared.grants.length === 0) action = 'check';
  context.action = action;
  const requester = anyOf(tokens.requesters);
  context.secret = requester.secret;
  switch (action) {
    case 'request-auto':
    case 'request-reviewed':
      return {
        ...req,
        method: 'POST',
        path: '/api/v1/requests',
        headers: json(requester.secret),
        body: JSON.stringify({ resource: 'feature-flags', role: action === 'request-auto' ? 'admin' : 'editor', durationMinutes: 1, justification: 'load test: a short grant' }),
      };
    case 'approve':
      return { ...req, method: 'POST', path: `/api/v1/requests/${shared.pending.shift()}/approve`, headers: json(tokens.approver), body: JSON.stringify({ comment: 'ok' }) };
    case 'revoke': {
      const grant = shared.grants.splice(Math.floor(Math.random() * shared.grants.length), 1)[0]!;
      return { ...req, method: 'POST', path: `/api/v1/grants/${grant.id}/revoke`, headers: json(grant.secret), body: JSON.stringify({ reason: 'done early' }) };
    }
    default:
      return { ...req, method: 'GET', path: `/api/v1/access/check?user=${encodeURIComponent(requester.email)}&resource=feature-flags&role=admin`, headers: { authorization: `Bearer ${tokens.checker}` }, body: undefined };
  }
}

function record(shared: Shared, context: Record<string, unknown>, status: number, body: string) {
  const action = context.action as Action;
  shared.tally[action][status] = (shared.tally[action][status] ?? 0) + 1;
  if ((action === 'request-auto' || action === 'request-reviewed') && status === 201) {
    const { request } = JSON.parse(body) as { request: { id: string; status: string; grant: { id: string } | null } };
    if (request.grant) shared.grants.push({ id: request.grant.id, secret: context.secret as string });
    else if (request.status === 'pending') shared.pending.push(request.id);
  }
}

export interface MixResult {
  tally: Tally;
  requests: number;
  errors: number;
  timeouts: number;
  latencyP99Ms: number;
}

/** Drives every instance at once for `seconds`, `connections` per instance; resolves when all stop. */
export async function runMix(urls: string[], tokens: Tokens, options: { seconds: number; connections: number }): Promise<MixResult> {
  const shared: Shared = { tokens, pending: [], grants: [], tally: { 'request-auto': {}, 'request-reviewed': {}, approve: {}, check: {}, revoke: {} } };
  const results = await Promise.all(
    urls.map((url) =>
      autocannon({
        url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        requests: [
          {
            setupRequest: (req, context) => nextRequest(shared, context as Record<string, unknown>, req),
            onResponse: (status, body, context) => record(shared, context as Record<string, unknown>, status, body),
          },
        ],
      }),
    ),
  );
  return {
    tally: shared.tally,
    requests: results.reduce((sum, r) => sum + r.requests.total, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    timeouts: results.reduce((sum, r) => sum + r.timeouts, 0),
    latencyP99Ms: Math.max(...results.map((r) => r.latency.p99)),
  };
}
