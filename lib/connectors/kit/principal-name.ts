import { createHash } from 'node:crypto';

/** Prefix of every principal Timebox makes on a target; reconciliation recognises its own by it. */
export const PRINCIPAL_PREFIX = 'tbx_';

/**
 * The per-grant principal (role, user): `tbx_` + the first 12 hex digits of the grant id (a UUID), or of
 * its SHA-256 when the id is not hex. Stable, so provision and deprovision find the same principal after
 * a crash, and the same on every kind of target, so a person sees one name per grant.
 */
export function grantPrincipal(grantId: string): string {
  const hex = grantId.toLowerCase().replace(/-/g, '');
  const id = /^[0-9a-f]{12,}$/.test(hex) ? hex.slice(0, 12) : createHash('sha256').update(grantId).digest('hex').slice(0, 12);
  return `${PRINCIPAL_PREFIX}${id}`;
}
