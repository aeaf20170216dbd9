import { z } from 'zod';

/**
 * The body of POST /api/v1/grants/{id}/certificate, also what the grant page's form sends.
 * Only the shape is checked here; the connector parses the key itself (type, strength) and answers
 * 422 naming `publicKey`, so one set of key rules serves every caller.
 */
export const certificateInput = z
  .object({
    publicKey: z.string({ message: 'Paste your SSH public key' }).trim().min(1, 'Paste your SSH public key').max(16_384, 'That is too long for a public key'),
    /** Save the key on the user's profile, to prefill the form next time. */
    remember: z.boolean().optional(),
  })
  .strict();
