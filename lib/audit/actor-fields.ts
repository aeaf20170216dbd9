import type { ActorContext, SystemContext } from '@/lib/domain/context';
import type { AuditInput } from './append';

type ActorFields = Pick<AuditInput, 'actorId' | 'actorLabel' | 'tokenId' | 'ip' | 'userAgent'>;

/** The "who, through what, from where" part of an audit event. */
export function actorFields(ctx: ActorContext | SystemContext): ActorFields {
  if ('system' in ctx) return { actorId: null, actorLabel: `system:${ctx.system}` };
  return {
    actorId: ctx.actor.id,
    actorLabel: ctx.token ? `${ctx.actor.email} (token ${ctx.token.id.slice(0, 8)})` : ctx.actor.email,
    tokenId: ctx.token?.id ?? null,
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent ?? null,
  };
}
