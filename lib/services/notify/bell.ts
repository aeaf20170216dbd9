import type { ActorContext } from '@/lib/domain/context';
import type { NotificationMessage } from '@/lib/notify/message';
import type { ServiceDeps } from '../deps';

export interface BellItem {
  id: string;
  subject: string;
  /** The portal page it is about (`/inbox/{id}`, `/grants/{id}`, `/requests`): always a path on the portal. */
  path: string;
  urgent: boolean;
  createdAt: string;
  read: boolean;
}

export interface BellView {
  unread: number;
  items: BellItem[];
}

const mine = (ctx: ActorContext) => ({ recipientId: ctx.actor.id, channel: 'inapp' });

/** Only our own paths become links ("/…", never "//host"): the message was ours, but a link is checked where it is made. */
const portalPath = (path: unknown) => (typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') ? path : '/');

/** The actor's bell: how many are unread, and the latest ones. Scoped to the actor in the query itself. */
export async function listBell(deps: ServiceDeps, ctx: ActorContext, limit = 20): Promise<BellView> {
  const [unread, rows] = await Promise.all([
    deps.db.notification.count({ where: { ...mine(ctx), readAt: null } }),
    deps.db.notification.findMany({ where: mine(ctx), orderBy: { createdAt: 'desc' }, take: limit, select: { id: true, data: true, createdAt: true, readAt: true } }),
  ]);
  return {
    unread,
    items: rows.map((r) => {
      const message = r.data as unknown as NotificationMessage;
      return { id: r.id, subject: message.subject, path: portalPath(message.link?.path), urgent: message.urgent === true, createdAt: r.createdAt.toISOString(), read: r.readAt !== null };
    }),
  };
}

/**
 * Marks some of the actor's bell notifications read (all of them when `ids` is absent). Another
 * person's id matches nothing. Not audited: it is the reader's own view, and changes no access.
 */
export async function markBellRead(deps: ServiceDeps, ctx: ActorContext, input: { ids?: string[] | undefined }): Promise<{ unread: number }> {
  await deps.db.notification.updateMany({ where: { ...mine(ctx), readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) }, data: { readAt: deps.clock.now() } });
  return { unread: await deps.db.notification.count({ where: { ...mine(ctx), readAt: null } }) };
}
