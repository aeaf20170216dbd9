import type { z } from 'zod';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { mysqlResourceSettingsExample, mysqlResourceSettingsSchema } from './mysql/settings';
import { portalResourceSettingsSchema } from './portal/portal-connector';
import { postgresResourceSettingsExample, postgresResourceSettingsSchema } from './postgres/settings';
import { sshResourceSettingsSchema } from './ssh/ssh-settings';
import { webhookSettingsExample, webhookSettingsSchema } from './webhook/webhook-settings';

// Resource settings are checked when an admin saves them, against the very schema the connector
// parses them with when it provisions: a resource that saves is a resource its connector can read.
// Whatever a connector's schema demands (e.g. a prefix for the env var names settings may name)
// applies here without a second list.

interface ResourceSettingsSpec {
  schema: z.ZodType;
  /** Settings that fit the kind, for the admin form's hint. */
  example: Record<string, unknown>;
}

const specs: Record<ResourceKind, ResourceSettingsSpec> = {
  portal: { schema: portalResourceSettingsSchema, example: {} },
  postgres: { schema: postgresResourceSettingsSchema, example: postgresResourceSettingsExample },
  mysql: { schema: mysqlResourceSettingsSchema, example: mysqlResourceSettingsExample },
  ssh: { schema: sshResourceSettingsSchema, example: {} },
  webhook: { schema: webhookSettingsSchema, example: webhookSettingsExample },
};

/** An example of settings per kind, as the admin form shows it. */
export const resourceSettingsExamples: Record<ResourceKind, Record<string, unknown>> = Object.fromEntries(
  Object.entries(specs).map(([kind, spec]) => [kind, spec.example]),
) as Record<ResourceKind, Record<string, unknown>>;

const where = (path: readonly PropertyKey[]) => `"${path.map(String).join('.')}"`;

/** One problem in an admin's words: names the setting, never echoes its value. */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown setting${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.path.length === 0) return issue.message;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `${where(issue.path)} is required`;
  return `${where(issue.path)} ${issue.message}`;
}

/**
 * Every problem the kind's connector would find in these settings, in one list (empty: they fit), so an
 * admin fixes a resource in one go instead of learning of it from the first failed grant.
 */
export function resourceSettingsProblems(kind: ResourceKind, settings: unknown): string[] {
  const spec = specs[kind];
  if (!spec) return [`no connector for resources of kind "${kind}"`]; // fail closed
  const parsed = spec.schema.safeParse(settings);
  return parsed.success ? [] : parsed.error.issues.map(describe);
}
