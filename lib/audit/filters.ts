import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { isUuid } from '@/lib/domain/ids';

// The audit trail's filters, parsed once here and shared by the listing, the export and the dashboard
// (whose URL carries them, so a view can be shared). Values arrive as query-string text.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blankAsUndefined, schema.optional());

/**
 * A time bound: a day (`2026-11-17`, UTC) or an instant (`2026-11-17T14:00:00Z`; without an offset, UTC).
 * `from` starts at the day's first millisecond; `to` includes the whole day, or the instant itself.
 */
const timeBound = (edge: 'from' | 'to') =>
  z
    .string()
    .trim()
    .max(40)
    .transform((value, ctx) => {
      const dateOnly = DATE_ONLY.test(value);
      const text = dateOnly ? `${value}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
      const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) ? Date.parse(text) : NaN;
      if (Number.isNaN(ms)) {
        ctx.addIssue({ code: 'custom', message: 'must be a date (2026-11-17) or a date and time (2026-11-17T14:00:00Z)' });
        return z.NEVER;
      }
      // Stored as an exclusive upper bound, so "to a day" and "to an instant" are one comparison.
      if (edge === 'to') return new Date(dateOnly ? ms + DAY_MS : ms + 1);
      return new Date(ms);
    });

export const auditFilterShape = {
  from: optional(timeBound('from')),
  to: optional(timeBound('to')),
  /** A user's e-mail or id, or an actor label such as `system:scheduler`. */
  actor: optional(z.string().trim().max(320)),
  /** An action (`grant.revoked`), or a prefix ending in `.` or `*` (`grant.`, `request.*`). */
  action: optional(
    z
      .string()
      .trim()
      .max(100)
      .regex(/^[a-z0-9_.]+\*?$/, 'must be an action such as grant.revoked, or a prefix such as grant.'),
  ),
  /** A resource slug or id. */
  resource: optional(z.string().trim().max(100)),
  requestId: optional(z.uuid({ message: 'must be a request id (UUID)' })),
  grantId: optional(z.uuid({ message: 'must be a grant id (UUID)' })),
  /** Text in the justification or ticket. */
  q: optional(z.string().trim().max(200)),
};

/**
 * A range whose To is not after its From matches nothing by construction: say so on `to` instead of
 * answering an empty page that reads like "no such events". Every schema built on the shape adds it.
 */
export function checkTimeRange(value: { from?: Date | undefined; to?: Date | undefined }, ctx: z.RefinementCtx): void {
  if (value.from && value.to && value.to.getTime() <= value.from.getTime()) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be later than From' });
  }
}

export const auditFilterSchema = z.object(auditFilterShape).strict().superRefine(checkTimeRange);
export type AuditFilters = z.output<typeof auditFilterSchema>;


/** LIKE treats `%`, `_` and `\` specially: escape them so user text matches literally (default escape `\`). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A time bound as a `timestamp(3)` literal: the column holds UTC wall time (Prisma's convention). */
const utc = (date: Date) => Prisma.sql`${date.toISOString().slice(0, -1)}::timestamp(3)`;

/**
 * Filters → one SQL condition (parameters bound, never spliced), looking up e-mails and slugs.
 * `null` means "can match nothing" (an unknown resource), so callers answer an empty page without
 * asking the database. Each condition is one a (column, seq) index serves.
 */
export async function resolveFilters(db: Db, filters: AuditFilters): Promise<Prisma.Sql | null> {
  const and: Prisma.Sql[] = [];
  if (filters.from) and.push(Prisma.sql`"occurredAt" >= ${utc(filters.from)}`);
  if (filters.to) and.push(Prisma.sql`"occurredAt" < ${utc(filters.to)}`);
  if (filters.requestId) and.push(Prisma.sql`"requestId" = ${filters.requestId}::uuid`);
  if (filters.grantId) and.push(Prisma.sql`"grantId" = ${filters.grantId}::uuid`);

  if (filters.action) {
    const prefix = filters.action.endsWith('*') ? filters.action.slice(0, -1) : filters.action.endsWith('.') ? filters.action : null;
    and.push(prefix === null ? Prisma.sql`"action" = ${filters.action}` : Prisma.sql`"action" LIKE ${`${escapeLike(prefix)}%`}`);
  }

  if (filters.actor) {
    const actor = filters.actor;
    if (isUuid(actor)) {
      and.push(Prisma.sql`"actorId" = ${actor.toLowerCase()}::uuid`);
    } else {
      const user = actor.includes('@') ? await db.user.findFirst({ where: { email: { equals: actor, mode: 'insensitive' } }, select: { id: true } }) : null;
      // Not a user: a label such as "system:scheduler" or "system:connector".
      and.push(user ? Prisma.sql`"actorId" = ${user.id}::uuid` : Prisma.sql`"actorLabel" = ${actor}`);
    }
  }

  if (filters.resource) {
    const resource = await db.resource.findFirst({ where: isUuid(filters.resource) ? { id: filters.resource.toLowerCase() } : { slug: filters.resource }, select: { id: true } });
    if (!resource) return null;
    and.push(Prisma.sql`"resourceId" = ${resource.id}::uuid`);
  }

  if (filters.q) and.push(Prisma.sql`"searchText" ILIKE ${`%${escapeLike(filters.q)}%`}`);
  return and.length === 0 ? Prisma.sql`TRUE` : Prisma.join(and, ' AND ');
}
