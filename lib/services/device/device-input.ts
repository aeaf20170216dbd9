import { z } from 'zod';

// What the CLI sends. The host name is shown to the approver ("Timebox CLI on <host>"), so it is
// kept to printable characters a host name could have: no markup, no line breaks, no look-alike tricks.
export const deviceCodeInput = z
  .object({
    host: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(64, 'must be at most 64 characters')
      .regex(/^[A-Za-z0-9._-]+$/, 'may hold letters, digits, dots, dashes and underscores only')
      .meta({ description: 'The machine the CLI runs on, shown to the approver as “Timebox CLI on <host>”.' }),
  })
  .strict();

export const deviceTokenInput = z.object({ deviceCode: z.string().max(100).meta({ description: 'The device code from /api/v1/device/code.' }) }).strict();

// The approval page's form: the code as typed, and the decision.
export const deviceDecisionInput = z.object({ userCode: z.string().max(20), decision: z.enum(['approve', 'deny']) }).strict();
