import { isTargetEnvName } from '@/lib/connectors/kit/env-name';
import { log } from '@/lib/log';
import type { NotifySettings } from './settings';

const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/**
 * Where a Slack message goes: the policy's own channel when its env var (TARGET_ prefix only, like
 * resource secrets: Timebox's own configuration is never read through a policy) holds a webhook URL,
 * otherwise the team default (SLACK_WEBHOOK_URL). Null: nowhere configured. The URL itself is a secret
 * (Slack's path is the credential), so only the variable's name is ever logged or stored.
 */
export function slackWebhookFor(channelEnv: string | null, settings: NotifySettings, env: NodeJS.ProcessEnv = process.env): string | null {
  if (channelEnv) {
    const url = isTargetEnvName(channelEnv) ? env[channelEnv]?.trim() : undefined;
    if (url && isHttpUrl(url)) return url;
    log.warn({ slackChannelEnv: channelEnv }, 'policy Slack channel unset or not a URL; using SLACK_WEBHOOK_URL');
  }
  return settings.slack?.url ?? null;
}
