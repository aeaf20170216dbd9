import { z } from 'zod';

/** The longest `detail` kept: a statement or command, not a log dump. Longer ones are cut and flagged. */
export const MAX_ACTIVITY_DETAIL = 8000;

/**
 * POST /api/v1/activity: what a principal (or a user) did on a target, reported by the target or an agent.
 * Exactly one of `principal` (the name the target knows: a PostgreSQL role `tbx_…`, an SSH certificate key id
 * `timebox:<grant>:<email>`) or `user` (e-mail or id).
 */
export const activityInput = z
  .object({
    resource: z.string().trim().min(1, 'is required').max(100),
    principal: z.string().trim().min(1).max(200).optional(),
    user: z.string().trim().min(1).max(320).optional(),
    at: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time with an offset, e.g. 2026-11-17T14:03:05Z' }).transform((v) => new Date(v)),
    kind: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'must be a short lower-case word such as sql, ssh.command or login'),
    detail: z
      .string()
      .max(60_000)
      .default('')
      .transform((detail) => ({ text: detail.slice(0, MAX_ACTIVITY_DETAIL), truncated: detail.length > MAX_ACTIVITY_DETAIL })),
  })
  .strict()
  .refine((input) => (input.principal === undefined) !== (input.user === undefined), { message: 'give exactly one of principal or user', path: ['principal'] });

export type ActivityInput = z.output<typeof activityInput>;
