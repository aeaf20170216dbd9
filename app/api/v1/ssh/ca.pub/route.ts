import { caPublicKey } from '@/lib/connectors/ssh';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

/**
 * The SSH user CA's public key, one OpenSSH line, for sshd's TrustedUserCAKeys. Public by nature,
 * so no token: hosts fetch it with plain curl. When the key cannot be loaded the reason (a path, a
 * permission) goes to the log, not to an anonymous caller.
 */
export async function GET(): Promise<Response> {
  try {
    const key = await caPublicKey();
    return new Response(`${key}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  } catch (error) {
    log.error({ err: error }, 'ssh ca.pub: the CA key could not be loaded');
    return Response.json(
      { error: { code: 'unavailable', message: 'The SSH certificate authority is not available. See the server log.' } },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
