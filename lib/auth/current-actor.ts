import { getServerSession } from 'next-auth';
import { getDb } from '@/lib/db/client';
import type { Actor } from '@/lib/domain/permissions';
import { loadActor } from './load-actor';
import { getAuthOptions } from './options';

/** The signed-in actor for this request, or null (no session, or the user is gone or disabled). */
export async function getCurrentActor(): Promise<Actor | null> {
  const session = await getServerSession(getAuthOptions());
  if (!session?.userId) return null;
  return loadActor(await getDb(), session.userId);
}
