'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** As often as the inbox: a grant's end is noticed within seconds of the sweep ending it. */
export const GRANTS_REFRESH_MS = 5_000;

async function fetchVersion(): Promise<string> {
  const response = await fetch('/api/portal/grants/version', { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`The server answered ${response.status}.`);
  return ((await response.json()) as { version: string }).version;
}

/**
 * Keeps /grants current by itself, the way the inbox does: it polls a fingerprint of the live grants
 * (react-query) and re-renders the page from the server when it no longer matches what is shown —
 * a grant ended and moves to Past grants, a scheduled one started, an extension was decided.
 */
export function GrantsRefresher({ version }: { version: string }) {
  const router = useRouter();
  const { data } = useQuery({ queryKey: ['portal', 'grants-version'], queryFn: fetchVersion, refetchInterval: GRANTS_REFRESH_MS });
  useEffect(() => {
    if (data !== undefined && data !== version) router.refresh();
  }, [data, version, router]);
  return null;
}
