import { z } from 'zod';
import { MAX_DURATION_MINUTES } from './durations';

// Forms send numbers as text; JSON clients send numbers. Only text is converted: z.coerce would also
// turn true into 1 and [[5]] into 5, which a JSON API must refuse.
const numberFromText = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v);

// An optional ticket reference: blank means none.
const ticketText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));

// The one shape of an access request, shared by the form and POST /api/v1/requests.
export const requestAccessInput = z
  .object({
    resource: z.string().trim().min(1, 'Choose a resource').max(100),
    role: z.string().trim().min(1, 'Choose a role').max(100),
    durationMinutes: z.preprocess(
      numberFromText,
      z
        .number({ message: 'Enter the duration in minutes' })
        .int('Enter a whole number of minutes')
        .min(1, 'The duration must be at least 1 minute')
        .max(MAX_DURATION_MINUTES, 'The duration must be at most 31 days'),
    ),
    justification: z.string().trim().max(2_000, 'Keep the justification under 2,000 characters').default(''),
    ticket: ticketText,
    startAt: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.date({ message: 'Enter a valid start time' }).optional()),
    // Emergency access at once, without approval (break-glass.ts). A form's checkbox sends "on"; JSON sends true.
    breakGlass: z.preprocess((v) => (v === 'on' || v === 'true' ? true : v === 'false' || v === '' || v === null ? false : v), z.boolean({ message: 'breakGlass must be true or false' }).default(false)),
  })
  .strict();

export type RequestAccessInput = z.infer<typeof requestAccessInput>;

export const decisionInput = z.object({ comment: z.string().trim().max(2_000).optional().transform((v) => (v ? v : undefined)) }).strict();

export const revokeInput = z.object({ reason: z.string().trim().max(2_000).optional().transform((v) => (v ? v : undefined)) }).strict();

export const extendInput = z
  .object({
    minutes: z.preprocess(numberFromText, z.number({ message: 'Enter the extra minutes' }).int('Enter a whole number of minutes').min(1, 'Extend by at least 1 minute').max(MAX_DURATION_MINUTES, 'The extension must be at most 31 days')),
    justification: z.string().trim().max(2_000).default(''),
    // Checked against the grant's policy like a new request's; the form pre-fills the original ticket.
    ticket: ticketText,
  })
  .strict();

export const uuidParam = z.uuid({ message: 'not a valid id' });
