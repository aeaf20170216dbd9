import { checkpointPass } from '@/lib/audit/audit-checkpoints';
import { sealPendingEvents } from '@/lib/audit/seal';
import { getConfig } from '@/lib/config/env';
import { log } from '@/lib/log';
import { getServiceDeps } from '@/lib/services/runtime';
import { sweep, type SweepSummary } from '@/lib/services/sweep/sweep';
import { notifySettings } from '@/lib/notify/settings';
import { notifyPass } from '@/lib/services/notify/notify-pass';

const globalForScheduler = globalThis as unknown as { timeboxScheduler?: NodeJS.Timeout; timeboxSealer?: NodeJS.Timeout; timeboxNotifier?: NodeJS.Timeout };

const didSomething = (s: SweepSummary) => Object.values(s).some((n) => n > 0);

/** A task on its own timer, one run at a time: a run still going when the next tick comes skips that tick. */
function every(ms: number, task: () => Promise<void>): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } finally {
      running = false;
    }
  }, ms);
  timer.unref();
  return timer;
}

/**
 * The internal scheduler: the same sweep as /api/cron/expire, every few seconds, inside the server.
 * Safe beside other instances and an external cron (sweeps claim their rows). One pass at a time per process.
 * Sealing runs on a lane of its own: a long sweep (a thousand grants ending at once) never holds back the
 * chaining of the events already committed.
 */
export function startInternalScheduler(): void {
  const config = getConfig();
  if (config.TIMEBOX_SCHEDULER !== 'internal' || globalForScheduler.timeboxScheduler) return;
  const everyMs = config.TIMEBOX_SWEEP_INTERVAL_SECONDS * 1000;
  globalForScheduler.timeboxScheduler = every(everyMs, async () => {
    try {
      const summary = await sweep(await getServiceDeps());
      if (didSomething(summary)) log.info({ summary }, 'sweep');
    } catch (error) {
      log.error({ err: error }, 'sweep failed; will try again');
    }
  });
  globalForScheduler.timeboxSealer = every(everyMs, async () => {
    try {
      // Chain the audit events committed since the last tick (skipped while another instance seals).
      const sealed = await sealPendingEvents((await getServiceDeps()).db, { wait: false });
      // Every few seconds while anything happens: debug, so the log shows what matters (LOG_LEVEL=debug shows it).
      if (sealed.sealed > 0) log.debug({ sealed: sealed.sealed, head: { chainIndex: sealed.head?.chainIndex.toString(), hash: sealed.head?.hash } }, 'audit sealed');
    } catch (error) {
      log.error({ err: error }, 'audit sealing failed; will try again');
    }
    try {
      // A signed checkpoint of the head, outside the database, every AUDIT_CHECKPOINT_INTERVAL_SECONDS.
      const checkpoint = await checkpointPass((await getServiceDeps()).db, new Date());
      if (checkpoint) log.info({ chainIndex: checkpoint.chainIndex, hash: checkpoint.hash }, 'audit checkpoint written');
    } catch (error) {
      log.error({ err: error }, 'audit checkpoint failed; will try again');
    }
  });
  startNotifier(everyMs);
  log.info({ everySeconds: config.TIMEBOX_SWEEP_INTERVAL_SECONDS }, 'internal scheduler started');
}

/**
 * Notification delivery in a loop of its own: a slow SMTP server or Slack holds this loop (each send is
 * bounded by its timeout), never the sweep that starts and ends grants. It runs even with no channel
 * configured: the bell still gets expiry reminders, and a policy may name a Slack channel of its own.
 */
function startNotifier(everyMs: number): void {
  if (globalForScheduler.timeboxNotifier) return;
  globalForScheduler.timeboxNotifier = every(everyMs, async () => {
    try {
      const summary = await notifyPass(await getServiceDeps(), notifySettings());
      if (Object.values(summary).some((n) => n > 0)) log.info({ summary }, 'notifications');
    } catch (error) {
      log.error({ err: error }, 'notification delivery failed; will try again');
    }
  });
}
