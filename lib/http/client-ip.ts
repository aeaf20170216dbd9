import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';
import { PEER_ADDRESS_HEADER } from './peer-address';

// Which address an audit event records. The TCP peer (stamped by peer-address.ts) is the client unless it
// is a proxy we were told to trust; only then is X-Forwarded-For read, right to left, through trusted
// hops only — proxy-addr's algorithm, the one Express uses. By default nothing is trusted, so a client
// cannot choose its audited address by sending X-Forwarded-For.

export type TrustProxy = (address: string, hop: number) => boolean;

const trustNothing: TrustProxy = () => false;

/**
 * TIMEBOX_TRUSTED_PROXIES: unset or empty trusts nothing; a whole number N trusts N hops (the peer and
 * N-1 more addresses in X-Forwarded-For); otherwise a comma-separated list of addresses, CIDRs or the
 * names loopback, linklocal, uniquelocal. Throws on a malformed entry (the config check names the variable).
 */
export function compileTrustedProxies(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '') return trustNothing;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return (_address, hop) => hop < hops;
  }
  return proxyAddr.compile(text.split(',').map((entry) => entry.trim()).filter(Boolean));
}

/** The client's address from the stamped peer and (through trusted proxies only) X-Forwarded-For; null when unknown. */
export function resolveClientIp(headers: Headers, trust: TrustProxy): string | null {
  const peer = headers.get(PEER_ADDRESS_HEADER)?.trim();
  if (!peer) return null;
  const forwarded = headers.get('x-forwarded-for');
  // proxy-addr reads only these two fields of a Node request.
  const req = { socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} };
  const address = proxyAddr(req as unknown as IncomingMessage, trust);
  return address ? address.slice(0, 100) : null;
}
