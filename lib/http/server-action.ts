import { headers } from 'next/headers';
import { z } from 'zod';
import type { ActorContext } from '@/lib/domain/context';
import type { ServiceDeps } from '@/lib/services/deps';
import { getServiceDeps } from '@/lib/services/runtime';
import { refuseDeepNesting, refuseNul } from './contains-nul';
import { requestMeta, sessionContext } from './request-context';
import { toErrorBody } from './to-error-body';

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string>; requestId?: string } };

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
 * The one wrapper every `"use server"` export goes through (scripts/check-server-actions.ts enforces it,
 * including that `name` is the export's own name): resolves the signed-in actor, parses the input with
 * zod, calls the service, and maps errors to a result the form can show next to its fields. Unexpected
 * errors are logged with the action's name, the actor and a request id — and only that id is shown.
 */
export function authedAction<S extends z.ZodType, T>(name: string, schema: S, handler: (deps: ServiceDeps, ctx: ActorContext, input: z.infer<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const meta = requestMeta(await headers());
    let ctx: ActorContext | undefined;
    try {
      ctx = await sessionContext(meta);
      const plain = toPlainInput(input);
      refuseNul(plain);
      refuseDeepNesting(plain);
      const parsed = schema.parse(plain);
      return { ok: true, data: await handler(await getServiceDeps(), ctx, parsed) };
    } catch (error) {
      return { ok: false, error: toErrorBody(error, { route: `action ${name}`, requestId: meta.requestId, ctx }).body.error };
    }
  };
}
