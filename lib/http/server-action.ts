import { headers } from 'next/headers';
import { z } from 'zod';
import { getCurrentActor } from '@/lib/auth/current-actor';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '@/lib/services/deps';
import { getServiceDeps } from '@/lib/services/runtime';
import { containsNul } from './contains-nul';
import { toErrorBody } from './to-error-body';

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

/** FormData → plain object (repeated keys become arrays), so one zod schema serves forms and JSON. */
function toPlainInput(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith('$ACTION')) continue; // Next.js bookkeeping
    const v = typeof value === 'string' ? value : value.name;
    out[key] = key in out ? ([] as unknown[]).concat(out[key], v) : v;
  }
  return out;
}

/**
 * The one wrapper every `"use server"` export goes through (scripts/check-server-actions.ts enforces it):
 * resolves the signed-in actor, parses the input with zod, calls the service, and maps errors to a
 * result the form can show next to its fields. Unexpected errors are logged, never shown.
 */
export function authedAction<S extends z.ZodType, T>(schema: S, handler: (deps: ServiceDeps, ctx: ActorContext, input: z.infer<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      const actor = await getCurrentActor();
      if (!actor) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
      const plain = toPlainInput(input);
      if (containsNul(plain)) throw new AppError('bad_request', 'Text must not contain NUL characters.');
      const parsed = schema.parse(plain);
      const h = await headers();
      const ctx: ActorContext = { actor, via: 'web', ip: h.get('x-forwarded-for')?.split(',')[0]?.trim() ?? null, userAgent: h.get('user-agent') };
      return { ok: true, data: await handler(await getServiceDeps(), ctx, parsed) };
    } catch (error) {
      return { ok: false, error: toErrorBody(error).body.error };
    }
  };
}
