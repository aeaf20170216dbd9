import { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';

/**
 * Uniqueness is checked before writing (for a clear message), and the database's unique index
 * settles a race between two admins: its violation becomes the same 409 instead of a 500.
 */
export async function orConflict<T>(write: () => Promise<T>, conflict: () => AppError): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw conflict();
    throw error;
  }
}
