import { envSchema } from '@/lib/config/env';

export interface BreakGlassSettings {
  /** More break-glass grants than this by one user in 24 hours are refused (and the refusal audited). */
  perDay: number;
  /** Unreviewed break-glass grants older than this are overdue. */
  reviewOverdueHours: number;
}

const schema = envSchema.pick({ TIMEBOX_BREAK_GLASS_PER_DAY: true, TIMEBOX_BREAK_GLASS_REVIEW_HOURS: true });

/**
 * Read from the environment on each call (cheap), and only these two variables: a service must not
 * fail because some unrelated variable (AUTH_SECRET …) is unset in a test or a script.
 */
export function breakGlassSettings(env: Record<string, string | undefined> = process.env): BreakGlassSettings {
  const parsed = schema.parse(env);
  return { perDay: parsed.TIMEBOX_BREAK_GLASS_PER_DAY, reviewOverdueHours: parsed.TIMEBOX_BREAK_GLASS_REVIEW_HOURS };
}
