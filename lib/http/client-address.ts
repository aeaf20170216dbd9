import { getConfig } from '@/lib/config/env';
import { compileTrustedProxies, resolveClientIp, type TrustProxy } from './client-ip';

let trusted: { value: string | undefined; trust: TrustProxy } | undefined;

/**
 * The client's address: the TCP peer, or — only when the peer is a proxy named in TIMEBOX_TRUSTED_PROXIES —
 * the address that proxy forwarded (client-ip.ts). Parsed here and nowhere else.
 */
export function clientIp(headers: Headers): string | null {
  const value = getConfig().TIMEBOX_TRUSTED_PROXIES;
  if (!trusted || trusted.value !== value) trusted = { value, trust: compileTrustedProxies(value) };
  return resolveClientIp(headers, trusted.trust);
}
