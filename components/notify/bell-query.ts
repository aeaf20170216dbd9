import type { BellView } from '@/lib/services/notify/bell';

export const bellKey = ['portal', 'bell'] as const;

/** How often the header asks for new notifications: live enough for a bell, light on the server. */
export const BELL_REFRESH_MS = 20_000;

export async function fetchBell(): Promise<BellView> {
  const response = await fetch('/api/portal/notifications', { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`The server answered ${response.status}.`);
  return (await response.json()) as BellView;
}
