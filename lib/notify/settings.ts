import { getConfig, type AppConfig } from '@/lib/config/env';

/** Which channels are configured, and where the portal lives (links in messages point there). */
export interface NotifySettings {
  baseUrl: string;
  email?: { url: string; from: string };
  webhook?: { url: string; secret: string };
  slack?: { url: string };
  /** Minutes before a grant ends that its holder is reminded; 0 turns the reminder off. */
  reminderMinutes: number;
  /** Per-request timeout for every channel, so a hanging receiver holds a sender for this long at most. */
  timeoutMs: number;
}

export function notifySettingsFrom(config: AppConfig): NotifySettings {
  return {
    baseUrl: config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`,
    ...(config.SMTP_URL && config.SMTP_FROM ? { email: { url: config.SMTP_URL, from: config.SMTP_FROM } } : {}),
    ...(config.NOTIFY_WEBHOOK_URL && config.NOTIFY_WEBHOOK_SECRET ? { webhook: { url: config.NOTIFY_WEBHOOK_URL, secret: config.NOTIFY_WEBHOOK_SECRET } } : {}),
    ...(config.SLACK_WEBHOOK_URL ? { slack: { url: config.SLACK_WEBHOOK_URL } } : {}),
    reminderMinutes: config.TIMEBOX_REMINDER_MINUTES,
    timeoutMs: 10_000,
  };
}

const globalForNotify = globalThis as unknown as { timeboxNotifyOverride?: NotifySettings | null };

/** The settings in force: from the environment, or what a test put in place. */
export function notifySettings(): NotifySettings {
  if (globalForNotify.timeboxNotifyOverride) return globalForNotify.timeboxNotifyOverride;
  try {
    return notifySettingsFrom(getConfig());
  } catch {
    // The server refuses to start on a bad environment (checked at start); scripts and tests that never
    // validated it must not fail a status change over it: no channels, so nothing is enqueued.
    return { baseUrl: 'http://localhost:3000', reminderMinutes: 0, timeoutMs: 10_000 };
  }
}

/** Tests point the channels at their own loopback servers (the real senders, only the address swapped). */
export function overrideNotifySettings(settings: NotifySettings | null): void {
  globalForNotify.timeboxNotifyOverride = settings;
}
