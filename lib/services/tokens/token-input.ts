import { z } from 'zod';

// One shape for creating a token, shared by the settings page's action and the operator CLI.
// Scope names are checked by the service (unknown → 422, not allowed for the user → 403).
export const createTokenInput = z
  .object({
    name: z.string().trim().min(1, 'Give the token a name').max(100, 'Keep the name under 100 characters'),
    scopes: z.array(z.string().trim().max(50)).max(20).optional(),
    // Empty (form) or absent: the token never expires. Text is read as a number; nothing else is coerced.
    expiresInDays: z.preprocess(
      (v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v) : v),
      z.number({ message: 'Enter the number of days' }).int('Enter a whole number of days').min(1, 'A token must live at least 1 day').max(366, 'A token may live at most 366 days').optional(),
    ),
  })
  .strict();

export type CreateTokenInput = z.infer<typeof createTokenInput>;

export const revokeTokenInput = z.object({ tokenId: z.string().trim().max(100) }).strict();
