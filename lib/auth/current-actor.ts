import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { getConfig } from '@/lib/config/env';
import { getDb } from '@/lib/db/client';
import type { Actor } from '@/lib/domain/permissions';
import { getAuthOptions } from './options';
import { sessionActor } from './session-claims';

/**
 * The signed-in actor for this request, or null (no session, an ended session, or the user is gone or disabled).
 * Read once per rendered view: the layout and the page both ask, and React's cache() (scoped to one
 * server render) hands the page the actor the layout loaded. Route handlers and actions call it once anyway.
 */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(getAuthOptions());
  return sessionActor(await getDb(), session, new Date(), getConfig().AUTH_SESSION_MAX_AGE);
});
