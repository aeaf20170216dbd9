import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import { grantEventIds } from '@/lib/audit/event-ids';
import { signsCertificates } from '@/lib/connectors/registry';
import { parseUserPublicKey } from '@/lib/connectors/ssh/ssh-public-key';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { loadUsableOwnGrant } from './holder-grant';
import { authorize } from '@/lib/services/authorize';

export interface IssuedCertificateRecord {
  serial: string;
  keyId: string;
  validBefore: string;
}

/**
 * Signs the holder's public key for their active SSH grant. The serial is kept on the grant, so an
 * early revoke can put it in the KRL; `remember` saves the key on the user's profile for next time.
 */
export async function issueGrantCertificate(deps: ServiceDeps, ctx: ActorContext, input: { grantId: string; publicKey: string; remember?: boolean }) {
  authorize(ctx, 'grants.manage');
  // The key's shape first, before any lookup: a pasted private key is a 422 on publicKey whatever state
  // the grant or the CA is in (it was a 503 "CA not available"), and goes no further than this check.
  parseUserPublicKey(input.publicKey);
  const { grant, target, connector } = await loadUsableOwnGrant(deps, ctx, input.grantId);
  if (!signsCertificates(connector)) throw new AppError('unprocessable', `Resources of kind ${target.resource.kind} do not use SSH certificates.`);
  let cert: Awaited<ReturnType<typeof connector.signCertificate>> & { keyId?: string; fingerprint?: string };
  try {
    cert = await connector.signCertificate(target, input.publicKey);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('unavailable', `The certificate authority is not available: ${error instanceof Error ? error.message : 'unknown error'}`);
  }
  const record: IssuedCertificateRecord = { serial: cert.serial, keyId: cert.keyId ?? `timebox:${grant.id}:${ctx.actor.email}`, validBefore: cert.validBefore };

  await deps.db.$transaction(async (tx) => {
    const fresh = await tx.grant.findUniqueOrThrow({ where: { id: grant.id }, select: { targetState: true } });
    const state = (fresh.targetState ?? {}) as { certificates?: IssuedCertificateRecord[] };
    await tx.grant.update({ where: { id: grant.id }, data: { targetState: { ...state, certificates: [...(state.certificates ?? []), record] } as object } });
    if (input.remember) await tx.user.update({ where: { id: ctx.actor.id }, data: { sshPublicKey: input.publicKey.trim() } });
    await appendAudit(tx, {
      ...actorFields(ctx),
      action: 'grant.certificate_issued',
      ...grantEventIds(grant),
      data: { serial: cert.serial, keyId: record.keyId, principals: cert.principals, validBefore: cert.validBefore, fingerprint: cert.fingerprint ?? null },
    });
  });
  return { certificate: cert.certificate, principals: cert.principals, validAfter: cert.validAfter, validBefore: cert.validBefore, serial: cert.serial };
}
