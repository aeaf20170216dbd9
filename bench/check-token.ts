// The access check the benches ask, as a target system asks it all day: alice's feature-flags/admin, with a
// check_any token of carol's (an admin) made straight in the database, as `timebox token` would make it.
import type { Database } from '@/lib/db/client';
import { generateTokenSecret, hashTokenSecret } from '@/lib/services/tokens/token-secret';

export const CHECK_PATH = '/api/v1/access/check?user=alice%40example.com&resource=feature-flags&role=admin';

/** A check_any token for `email`; returns its secret. */
export async function mintCheckToken(db: Database['db'], email = 'carol@example.com'): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const secret = generateTokenSecret();
  await db.apiToken.create({ data: { userId: user.id, name: 'bench check', tokenHash: hashTokenSecret(secret), prefix: secret.slice(4, 12), scopes: ['check_any'] } });
  return secret;
}
