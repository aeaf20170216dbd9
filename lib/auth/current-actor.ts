import { getServerSession } from 'next-auth';
import { getConfig } from '@/lib/config/env';
import { getDb } from '@/lib/db/client';
import type { Actor } from '@/lib/domain/permissions';
import { getAuthOptions } from './options';
import { sessionActor } from './session-claims';

/** The signed-in actor for this request, or null (no session, an ended session, or the user is gone or disabled). */
export async function getCurrentActor(): Promise<Actor | null> {
  const session = await getServerSession(getAuthOptions());
  return sessionActor(await getDb(), session, new Date(), getConfig().AUTH_SESSION_MAX_AGE);
}
