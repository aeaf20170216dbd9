import { notFound } from 'next/navigation';
import { isUuid } from '@/lib/domain/ids';
import { isAppError } from '@/lib/errors';

/** For pages: a service's "not found" (including someone else's id) renders the 404 page; anything else propagates. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
}

/** A detail page's `[id]`: a malformed id reads as "no such thing", like an unknown one. */
export async function idOrNotFound(params: Promise<{ id: string }>): Promise<string> {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  return id;
}
