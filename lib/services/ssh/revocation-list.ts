import { buildKrl, caPublicKey } from '@/lib/connectors/ssh';
import type { ServiceDeps } from '../deps';
import type { IssuedCertificateRecord } from '../grants/issue-certificate';

/**
 * The KRL hosts read (sshd RevokedKeys): certificates of SSH grants ended before their time whose
 * validity has not yet run out. Expired certificates need no listing — their validity ends them.
 * Always a valid KRL, possibly empty: sshd refuses every login when it cannot read one.
 */
export async function currentRevocationList(deps: ServiceDeps): Promise<Buffer> {
  const now = deps.clock.now();
  const grants = await deps.db.grant.findMany({
    where: { endReason: 'revoked', status: { in: ['revoking', 'revoked'] }, entitlement: { resource: { kind: 'ssh' } }, expiresAt: { gt: new Date(now.getTime() - 2 * 60_000) } },
    select: { targetState: true },
  });
  const serials: string[] = [];
  const keyIds: string[] = [];
  for (const g of grants) {
    for (const cert of ((g.targetState ?? {}) as { certificates?: IssuedCertificateRecord[] }).certificates ?? []) {
      if (new Date(cert.validBefore) <= now) continue;
      serials.push(cert.serial);
      keyIds.push(cert.keyId);
    }
  }
  return buildKrl(serials, await caPublicKey(), { keyIds, generatedAt: now });
}
