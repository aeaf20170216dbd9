import type { Db } from '@/lib/db/client';
import type { Clock } from '@/lib/domain/clock';
import type { NotifySettings } from '@/lib/notify/settings';
import { deliverNotifications, type DeliverySummary } from './deliver';
import { enqueueExpiryReminders } from './reminders';

/** What the scheduler does for notifications each tick: write due reminders, then deliver what is due. */
export async function notifyPass(deps: { db: Db; clock: Clock }, settings: NotifySettings): Promise<DeliverySummary & { reminders: number }> {
  const reminders = await enqueueExpiryReminders(deps.db, deps.clock.now(), settings);
  return { reminders, ...(await deliverNotifications(deps, settings)) };
}
