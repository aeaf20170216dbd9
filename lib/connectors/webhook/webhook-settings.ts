import { z } from 'zod';
import { ConnectorError } from '../kit/connector-error';
import { targetEnvName } from '../kit/env-name';
import { parseSettings, settingsPath } from '../kit/parse-settings';
import type { GrantTarget } from '../types';

export const DEFAULT_TIMEOUT_MS = 5_000;
const MIN_SECRET_LENGTH = 16;


/** resource.settings of a `webhook` resource. The URL and the signing secret are secrets: only their env var names live here. */
export const webhookSettingsSchema = z.object({
  urlEnv: targetEnvName,
  secretEnv: targetEnvName,
  timeoutMs: z.number().int().min(100, 'must be at least 100').max(60_000, 'must be at most 60000').optional(),
});

/** Resource settings that fit this kind, shown as the example on the admin form. */
export const webhookSettingsExample = { urlEnv: 'TARGET_DEPLOY_WEBHOOK_URL', secretEnv: 'TARGET_DEPLOY_WEBHOOK_SECRET', timeoutMs: 5000 };

export interface WebhookConfig {
  url: URL;
  secret: string;
  timeoutMs: number;
}

/** Reads the settings and the env vars they name; every error names the setting or the variable, never a value. */
export function resolveWebhookConfig(resource: GrantTarget['resource'], env: Record<string, string | undefined>): WebhookConfig {
  const { urlEnv, secretEnv, timeoutMs } = parseSettings(
    webhookSettingsSchema,
    resource.settings,
    (issue) => `${settingsPath(issue.path)} ${issue.message}`,
    `webhook resource "${resource.slug}" is misconfigured: `,
  );

  const rawUrl = env[urlEnv]?.trim();
  if (!rawUrl) throw new ConnectorError(`webhook resource "${resource.slug}": environment variable ${urlEnv} is not set`);
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new ConnectorError(`webhook resource "${resource.slug}": ${urlEnv} is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConnectorError(`webhook resource "${resource.slug}": ${urlEnv} must be an http:// or https:// URL`);

  const secret = env[secretEnv];
  if (!secret) throw new ConnectorError(`webhook resource "${resource.slug}": environment variable ${secretEnv} is not set`);
  if (secret.length < MIN_SECRET_LENGTH) throw new ConnectorError(`webhook resource "${resource.slug}": ${secretEnv} must be at least ${MIN_SECRET_LENGTH} characters`);

  return { url, secret, timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS };
}
