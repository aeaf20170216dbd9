// What Timebox tells people about, and over which channels (issue 11). A closed list like the audit actions.

export const notificationKinds = [
  'request_needs_approval',
  'request_partly_approved',
  'request_decided',
  'grant_active',
  'grant_ends_soon',
  'grant_ended',
  'revocation_failing',
  'break_glass_started',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** `inapp` is the portal's bell: a row per person, shown in the header, never sent anywhere. */
export const notificationChannels = ['email', 'webhook', 'slack', 'inapp'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export const notificationStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

/**
 * Kinds that also go to the team's Slack channel (the rest are personal: a holder's own grant).
 * The generic webhook gets every kind: it feeds bots and SIEMs that filter for themselves.
 */
export const slackKinds: ReadonlySet<NotificationKind> = new Set(['request_needs_approval', 'request_decided', 'revocation_failing', 'break_glass_started']);
