import type { GrantTarget } from '../types';
import { account, literal, withAdmin } from './admin-client';
import { endEventName, grantPrincipal, nativePasswordHash, randomPassword } from './account-secret';
import { dropUser } from './deprovision';
import { scheduleEndEvent } from './end-event';
import { grantObject } from './privileges';
import type { MysqlTarget } from './settings';
import { entitlementGrant } from './settings';

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
export async function provisionUser(t: MysqlTarget, target: GrantTarget): Promise<MysqlTargetState> {
  const { privileges, db, table } = entitlementGrant(target.entitlement.settings, t.database);
  const user = grantPrincipal(target.grantId);
  const acct = account(user, t.userHost);
  try {
    const eventScheduler = await withAdmin(t, async (c) => {
      // IF NOT EXISTS: a retry keeps the user (and any password already issued) as it is.
      await c.query(`CREATE USER IF NOT EXISTS ${acct} IDENTIFIED VIA mysql_native_password USING ${literal(nativePasswordHash(randomPassword()))} ACCOUNT LOCK`);
      await c.query(`GRANT ${privileges.join(', ')} ON ${grantObject(db, table)} TO ${acct}`);
      return scheduleEndEvent(c, t, user, target);
    });
    return { principal: `${user}@${t.userHost}`, username: user, endEvent: `${t.database}.${endEventName(user)}`, eventScheduler };
  } catch (error) {
    await dropUser(t, user).catch(() => {}); // best effort: the target may be the thing that failed
    throw error;
  }
}
