import type { Db } from '@/lib/db/client';
import type { manualClock } from '@/lib/domain/clock';
import type { ServiceDeps } from '@/lib/services/deps';
import { deliverNotifications } from '@/lib/services/notify/deliver';
import type { NotifySettings } from '@/lib/notify/settings';
import type { WebhookReceiver } from './webhook-receiver';

// What the notification tests share: settings for loopback receivers, a clean queue per test, and driving
// one message to `failed` the way the scheduler would — many attempts, hours apart — without the hours.

/** Delivery settings with a fixed base URL and reminder window; `over` names the channels under test. */
export const notifySettingsWith = (over: Partial<NotifySettings>): NotifySettings => ({ baseUrl: 'https://timebox.example.test', reminderMinutes: 10, timeoutMs: 5_000, ...over });

/** Sets aside what earlier tests left pending, so each test's delivery run sees only its own messages. */
export const clearNotificationQueue = (db: Db) => db.notification.updateMany({ where: { status: 'pending' }, data: { status: 'skipped' } });

/**
 * With `hook` answering 503 to everything, delivers and moves the clock an hour at a time until the
 * request's message is given up on (its backoff passes 24 h), then lets the receiver answer again.
 * Bounded by a count of hours, not tries against a wall clock: the clock is the test's own.
 */
export async function deliverUntilFailed(run: { deps: ServiceDeps; clock: ReturnType<typeof manualClock>; settings: NotifySettings; hook: WebhookReceiver; requestId: string }): Promise<void> {
  const { deps, clock, settings, hook, requestId } = run;
  hook.failNext(1_000, 503);
  for (let hour = 0; hour < 40; hour++) {
    await deliverNotifications(deps, settings);
    clock.advance(60 * 60_000);
    if ((await deps.db.notification.count({ where: { requestId, status: 'failed' } })) > 0) break;
  }
  hook.failNext(0);
}
