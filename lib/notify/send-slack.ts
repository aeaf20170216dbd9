import { postJson } from './post-json';
import type { NotificationMessage } from './message';
import { renderSlack } from './render-slack';
import type { NotifySettings } from './settings';

/** One Block Kit message to the incoming webhook (`url` is the team default or a policy's own channel). */
export async function sendSlack(settings: NotifySettings, url: string, message: NotificationMessage): Promise<void> {
  await postJson(url, JSON.stringify(renderSlack(message, settings.baseUrl)), settings.timeoutMs);
}
