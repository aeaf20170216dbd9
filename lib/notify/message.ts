import type { NotificationKind } from './kinds';

/**
 * What one notification says, fixed when it is enqueued (a snapshot: later renames do not rewrite history).
 * Every channel renders from this. It holds names, times and portal paths only — never a credential,
 * a token or a target URL: those live behind the linked page, which asks for sign-in.
 */
export interface NotificationMessage {
  kind: NotificationKind;
  /** One line that says what to do: the mail subject, the Slack headline. */
  subject: string;
  /** Facts, one per line (label: value). */
  facts: Array<[label: string, value: string]>;
  /** The portal page to open; a path on the portal (`/inbox/…`, `/grants/…`), made absolute on sending. */
  link: { label: string; path: string };
  urgent?: boolean;
  /** Machine-readable fields for the generic webhook (ids, e-mails, times). */
  event: Record<string, unknown>;
}

/** Slack and HTML both get user-typed text (justifications): cut it to a size every channel accepts. */
export function clip(text: string, max = 500): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function absoluteLink(baseUrl: string, path: string): string {
  // Paths are ours (`/inbox/<uuid>`): resolved against the portal's origin, so nothing can point elsewhere.
  return new URL(path, baseUrl).toString();
}
