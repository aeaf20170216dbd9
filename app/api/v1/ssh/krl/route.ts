import { tagged } from '@/lib/http/reply';
import { requestIdOf } from '@/lib/http/request-context';
import { withTransportSecurity } from '@/lib/http/security-headers';
import { log } from '@/lib/log';
import { getServiceDeps } from '@/lib/services/runtime';
import { currentRevocationList } from '@/lib/services/ssh/revocation-list';
import { emptyKrl } from './empty-krl';

export const dynamic = 'force-dynamic';

const headers = { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store', 'Content-Disposition': 'attachment; filename="timebox.krl"' };

/**
 * The key revocation list for sshd's RevokedKeys: certificates of SSH grants revoked before their end.
 * Public (it holds serials and key ids, no secrets), so hosts fetch it without a token.
 *
 * The body is ALWAYS a valid KRL: sshd refuses every login when it cannot parse its RevokedKeys file,
 * so even a failure must not hand a host garbage. When the list cannot be built (database or CA key
 * unavailable) the answer is 503 with an empty KRL: `curl -f` keeps the host's previous list, and a
 * host that installs the body anyway stays reachable.
 */
export async function GET(request: Request): Promise<Response> {
  const requestId = requestIdOf(request.headers);
  try {
    const krl = await currentRevocationList(await getServiceDeps());
    return withTransportSecurity(tagged(new Response(new Uint8Array(krl), { headers }), requestId));
  } catch (error) {
    log.error({ err: error, route: 'GET /api/v1/ssh/krl', requestId }, 'ssh krl: could not build the revocation list; serving an empty one with 503');
    return withTransportSecurity(tagged(new Response(new Uint8Array(emptyKrl(new Date())), { status: 503, headers: { ...headers, 'Retry-After': '30' } }), requestId));
  }
}
