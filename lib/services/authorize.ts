import type { ActorContext } from '@/lib/domain/context';
import { whyNot, type Permission } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';

/** The services' one permission check (lib/domain/permissions.ts): refuses with 403 and says why. */
export function authorize(ctx: ActorContext, permission: Permission): void {
  const refusal = whyNot(ctx, permission);
  if (refusal) throw new AppError('forbidden', refusal.message);
}
