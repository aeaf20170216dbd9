import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import { notificationKinds, type NotificationKind } from '@/lib/notify/kinds';
import { defaultPreference, kindLabels, mandatoryKinds, notificationPreferencesInput, type KindPreference, type NotificationPreferencesInput } from '@/lib/notify/preferences';
import { notifySettings } from '@/lib/notify/settings';
import type { ServiceDeps } from '../deps';

export interface KindPreferenceView extends KindPreference {
  kind: NotificationKind;
  label: string;
  description: string;
  /** The actor must keep e-mail or the bell on for this kind (they are asked to act on it). */
  mandatory: boolean;
}

export interface NotificationPreferencesView {
  kinds: KindPreferenceView[];
  /** Whether this server sends e-mail at all (SMTP_URL): without it, only the bell reaches a person. */
  emailConfigured: boolean;
}

/** The actor's own choices, every kind listed (the default where they chose nothing). */
export async function getNotificationPreferences(deps: ServiceDeps, ctx: ActorContext): Promise<NotificationPreferencesView> {
  const rows = await deps.db.notificationPreference.findMany({ where: { userId: ctx.actor.id } });
  const stored = new Map(rows.map((r) => [r.kind, { email: r.email, inapp: r.inapp }]));
  const mandatory = new Set(mandatoryKinds(ctx.actor));
  return {
    kinds: notificationKinds.map((kind) => ({ kind, ...kindLabels[kind], ...(stored.get(kind) ?? defaultPreference), mandatory: mandatory.has(kind) })),
    emailConfigured: Boolean(notifySettings().email),
  };
}

/**
 * Saves the actor's choices. A kind they are asked to act on (a request needing their approval, a
 * break-glass start, a stuck revocation) keeps at least one of e-mail and the bell: every such kind
 * turned off entirely is refused at once, each on its own field, and nothing is saved.
 */
export async function setNotificationPreferences(deps: ServiceDeps, ctx: ActorContext, input: NotificationPreferencesInput): Promise<NotificationPreferencesView> {
  const { preferences } = notificationPreferencesInput.parse(input);
  const mandatory = new Set(mandatoryKinds(ctx.actor));
  const silenced = preferences.filter((p) => mandatory.has(p.kind) && !p.email && !p.inapp);
  if (silenced.length > 0) {
    const fields = Object.fromEntries(silenced.map((p) => [p.kind, `Keep e-mail or the bell on for "${kindLabels[p.kind].label}": you are asked to act on it.`]));
    throw new AppError('unprocessable', `Keep at least one channel for: ${silenced.map((p) => kindLabels[p.kind].label).join(', ')}.`, { fields });
  }
  await deps.db.$transaction(async (tx) => {
    for (const p of preferences) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: ctx.actor.id, kind: p.kind } },
        create: { userId: ctx.actor.id, kind: p.kind, email: p.email, inapp: p.inapp },
        update: { email: p.email, inapp: p.inapp },
      });
    }
    const now = await tx.notificationPreference.findMany({ where: { userId: ctx.actor.id }, orderBy: { kind: 'asc' } });
    await appendAudit(tx, {
      ...actorFields(ctx),
      action: 'notification.preferences_changed',
      data: { emailOff: now.filter((r) => !r.email).map((r) => r.kind), bellOff: now.filter((r) => !r.inapp).map((r) => r.kind) },
    });
  });
  return getNotificationPreferences(deps, ctx);
}
