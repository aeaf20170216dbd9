import { notFound } from 'next/navigation';
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
