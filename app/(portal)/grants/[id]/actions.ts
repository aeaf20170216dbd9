'use server';

import { z } from 'zod';
import { certificateInput } from '@/lib/domain/certificate-input';
import { uuidParam } from '@/lib/domain/request-input';
import { authedAction } from '@/lib/http/server-action';
import { issueGrantCertificate } from '@/lib/services/grants/issue-certificate';
import { issueGrantCredentials } from '@/lib/services/grants/issue-credentials';

// The grant page's buttons: the same services (and the same bodies) as the REST endpoints.

/** "Get credentials": a fresh password, returned once; the service checks holder, status and kind. */
export const getCredentials = authedAction('getCredentials', z.object({ grantId: uuidParam }).strict(), (deps, ctx, input) => issueGrantCredentials(deps, ctx, input));

/** "Get certificate": signs the pasted public key; `remember` saves it on the user's profile. */
export const getCertificate = authedAction('getCertificate', certificateInput.extend({ grantId: uuidParam }), async (deps, ctx, input) => {
  const cert = await issueGrantCertificate(deps, ctx, input);
  return { certificate: cert.certificate, principals: cert.principals, validAfter: cert.validAfter, validBefore: cert.validBefore, serial: cert.serial };
});
