import { z } from 'zod';
import type { Actor } from '@/lib/domain/permissions';
import { notificationKinds, type NotificationKind } from './kinds';

/**
 * What a person chooses per kind: e-mail and the portal's bell. Slack and the generic webhook are the
 * organisation's channels (one team channel, one SIEM feed), so they are not a person's to switch off.
 */
export interface KindPreference {
  email: boolean;
  inapp: boolean;
}

/** No stored choice: told both ways. */
export const defaultPreference: KindPreference = { email: true, inapp: true };

/** How the settings page names each kind, in the order it lists them. */
export const kindLabels: Record<NotificationKind, { label: string; description: string }> = {
  request_needs_approval: { label: 'A request needs you', description: 'Someone asks for a role you approve.' },
  request_partly_approved: { label: 'One approval of several', description: 'Your request got one of the approvals it needs.' },
  request_decided: { label: 'Your request was decided', description: 'Approved, denied or expired undecided.' },
  grant_active: { label: 'Your access started', description: 'With its end time.' },
  grant_ends_soon: { label: 'Your access ends soon', description: 'A reminder before the end, with an Extend link.' },
  grant_ended: { label: 'Your access ended', description: 'On time, revoked early, or could not be started.' },
  revocation_failing: { label: 'Revocation keeps failing', description: 'Access could not be removed after several tries (admins).' },
  break_glass_started: { label: 'Break-glass started', description: 'Someone took access without approval (approvers and auditors).' },
};

/**
 * Kinds this person must keep at least one channel for: they are asked to act (approve, review a
 * break-glass grant, fix a stuck revocation), and a request nobody hears of waits until it expires.
 */
export function mandatoryKinds(actor: Pick<Actor, 'role' | 'isApprover'>): NotificationKind[] {
  const kinds: NotificationKind[] = [];
  if (actor.isApprover) kinds.push('request_needs_approval');
  if (actor.isApprover || actor.role === 'auditor' || actor.role === 'admin') kinds.push('break_glass_started');
  if (actor.role === 'admin') kinds.push('revocation_failing');
  return kinds;
}

/**
 * Kinds sent only to people asked to act. Should someone's stored choice turn every channel off anyway
 * (they became an approver after choosing), the bell still gets it: being told is not optional for them.
 */
export const actionKinds: ReadonlySet<NotificationKind> = new Set(['request_needs_approval', 'break_glass_started', 'revocation_failing']);

/** What /settings/notifications sends: one choice per kind listed (kinds left out keep what they were). */
export const notificationPreferencesInput = z
  .object({
    preferences: z
      .array(z.object({ kind: z.enum(notificationKinds, { message: 'Unknown notification kind' }), email: z.boolean(), inapp: z.boolean() }).strict())
      .max(notificationKinds.length)
      .refine((list) => new Set(list.map((p) => p.kind)).size === list.length, 'Each kind once'),
  })
  .strict();
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesInput>;
