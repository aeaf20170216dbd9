import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { issueGrantCertificate } from '@/lib/services/grants/issue-certificate';

export const dynamic = 'force-dynamic';

// Signs the holder's public key for their active SSH grant: an OpenSSH user certificate whose
// validity ends with the grant. The serial is what an early revoke puts in the KRL.
export const POST = apiRoute(operations.grantCertificate, async ({ deps, ctx, params, body }) => {
  const cert = await issueGrantCertificate(deps, ctx, { grantId: params.id, publicKey: body.publicKey, remember: body.remember });
  return { certificate: cert.certificate, principals: cert.principals, validAfter: cert.validAfter, validBefore: cert.validBefore, serial: cert.serial };
});
