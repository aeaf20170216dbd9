import { grantPrincipal } from '../kit/principal-name';
import { randomPassword } from '../kit/random-password';
import type { GrantTarget } from '../types';
import type { MysqlAdmin } from './admin-client';
import { dropUser } from './deprovision';
import { endEventName, scheduleEndEvent } from './end-event';
import { nativePasswordHash } from './native-password-hash';
import { grantObject } from './privileges';
import type { MysqlTarget } from './settings';
import { entitlementGrant } from './settings';
import { account, literal } from './sql-quote';

export interface MysqlTargetState {
  /** 'user@host', as listActual reports accounts. */
  principal: string;
  username: string;
  /** Where the end-time event lives, and whether the server runs events (the second guard holds only when ON). */
  endEvent: string;
  eventScheduler: string;
  [key: string]: unknown;
}

/**
 * Makes the grant's user exist with the entitlement's privileges, locked until the holder asks for
 * credentials (its password is random and never returned), and schedules the end-time event.
 * MariaDB DDL is not transactional: on any failure everything made here is dropped before the error goes up.
 */
export async function provisionUser(admin: MysqlAdmin, t: MysqlTarget, target: GrantTarget): Promise<MysqlTargetState> {
  const { privileges, db, table } = entitlementGrant(target.entitlement.settings, t.database);
  const user = grantPrincipal(target.grantId);
  const acct = account(user, t.userHost);
  try {
    const eventScheduler = await admin.withAdmin(t, async (c) => {
      // IF NOT EXISTS: a retry keeps the user (and any password already issued) as it is.
      await c.query(`CREATE USER IF NOT EXISTS ${acct} IDENTIFIED VIA mysql_native_password USING ${literal(nativePasswordHash(randomPassword()))} ACCOUNT LOCK`);
      await c.query(`GRANT ${privileges.join(', ')} ON ${grantObject(db, table)} TO ${acct}`);
      return scheduleEndEvent(c, t, user, target);
    });
    return { principal: `${user}@${t.userHost}`, username: user, endEvent: `${t.database}.${endEventName(user)}`, eventScheduler };
  } catch (error) {
    await dropUser(admin, t, user).catch(() => {}); // best effort: the target may be the thing that failed
    throw error;
  }
}
