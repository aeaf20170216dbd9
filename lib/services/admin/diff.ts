import { stableJson } from '@/lib/audit/canonical';
import type { Prisma } from '@/lib/db/generated/client';

type Json = Prisma.InputJsonValue | null;

/**
 * The before/after of the fields that really change — what an audit event records for an update.
 * Fields absent from `next` are left alone and not reported.
 */
export function changedFields<T extends Record<string, Json>>(current: T, next: Partial<T>): { before: Partial<T>; after: Partial<T> } | null {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    const value = next[key];
    if (value === undefined || stableJson(current[key]) === stableJson(value)) continue;
    before[key] = current[key];
    after[key] = value;
  }
  return Object.keys(after).length ? { before, after } : null;
}
