import { caPublicKey } from '@/lib/connectors/ssh';
import { jsonReply, tagged } from '@/lib/http/reply';
import { requestIdOf } from '@/lib/http/request-context';
import { withTransportSecurity } from '@/lib/http/security-headers';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

/**
 * The SSH user CA's public key, one OpenSSH line, for sshd's TrustedUserCAKeys. Public by nature,
 * so no token: hosts fetch it with plain curl. When the key cannot be loaded the reason (a path, a
 * permission) goes to the log, not to an anonymous caller.
 */
export async function GET(request: Request): Promise<Response> {
  const requestId = requestIdOf(request.headers);
  try {
    const key = await caPublicKey();
    return withTransportSecurity(tagged(new Response(`${key}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } }), requestId));
  } catch (error) {
    log.error({ err: error, route: 'GET /api/v1/ssh/ca.pub', requestId }, 'ssh ca.pub: the CA key could not be loaded');
    return withTransportSecurity(jsonReply(503, { error: { code: 'unavailable', message: 'The SSH certificate authority is not available. See the server log.' } }, requestId));
  }
}
