import type { Db } from '@/lib/db/client';
import { endsSoon } from '@/lib/notify/compose';
import type { NotifySettings } from '@/lib/notify/settings';
import { grantFacts } from './facts';
import { writeOutbox } from './write-outbox';

/**
 * "Your access ends in N minutes": for each active grant inside the window, once per grant (a dedupe key
 * per grant and channel, so scheduler ticks and concurrent instances write it once). A grant shorter than
 * the window is not reminded: its holder just saw its end time.
 */
export async function enqueueExpiryReminders(db: Db, now: Date, settings: NotifySettings): Promise<number> {
  if (settings.reminderMinutes <= 0) return 0;
  const windowMs = settings.reminderMinutes * 60_000;
  const due = await db.grant.findMany({
    where: { status: 'active', expiresAt: { gt: now, lte: new Date(now.getTime() + windowMs) } },
    select: { id: true, startsAt: true, expiresAt: true },
    take: 500,
  });
  const candidates = due.filter((g) => g.expiresAt.getTime() - g.startsAt.getTime() > windowMs).map((g) => g.id);
  if (candidates.length === 0) return 0;
  const reminded = await db.notification.findMany({ where: { kind: 'grant_ends_soon', grantId: { in: candidates } }, select: { grantId: true }, distinct: ['grantId'] });
  const todo = candidates.filter((id) => !reminded.some((r) => r.grantId === id));
  if (todo.length === 0) return 0;
  const facts = await grantFacts(db, todo);
  let written = 0;
  for (const id of todo) {
    const g = facts.get(id);
    if (!g) continue;
    const left = Math.max(1, Math.round((g.facts.expiresAt.getTime() - now.getTime()) / 60_000));
    written += await writeOutbox(db, endsSoon(g.facts, left), { recipients: [{ id: g.userId }], requestId: g.facts.requestId, grantId: id, dedupeKey: `grant_ends_soon:${id}` }, settings);
  }
  return written;
}
