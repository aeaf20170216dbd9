import { describe, expect, it } from 'vitest';
import type { GrantTarget } from '../types';
import { nativePasswordHash } from './native-password-hash';
import { dbPatternCovers, grantObject } from './privileges';
import { entitlementGrant, resolveMysqlTarget } from './settings';

const resource = (settings: Record<string, unknown>): GrantTarget['resource'] => ({ id: 'r1', slug: 'payments-mariadb', kind: 'mysql', settings });
const seeded = { adminUrlEnv: 'TARGET_MYSQL_URL', defaultAdminUrl: 'mysql://root@127.0.0.1:3306/test' };

describe('mysql settings', () => {
  it('reads the admin URL from the named env var, else the default', () => {
    expect(resolveMysqlTarget(resource(seeded), {})).toEqual({
      admin: { host: '127.0.0.1', port: 3306, user: 'root', password: '' },
      adminUrlEnv: 'TARGET_MYSQL_URL',
      database: 'test',
      publicHost: '127.0.0.1',
      publicPort: 3306,
      userHost: '%',
    });
    const t = resolveMysqlTarget(resource({ ...seeded, publicHost: 'db.example.com' }), { TARGET_MYSQL_URL: 'mysql://timebox:p%40ss@10.0.0.7:3307/payments' });
    expect(t).toMatchObject({ admin: { host: '10.0.0.7', port: 3307, user: 'timebox', password: 'p@ss' }, database: 'payments', publicHost: 'db.example.com', publicPort: 3307 });
  });

  it('names the bad setting and never echoes a secret', () => {
    expect(() => resolveMysqlTarget(resource(seeded), { TARGET_MYSQL_URL: 'postgres://root:hunter2@h/db' })).toThrow(/^TARGET_MYSQL_URL is not a mysql:\/\/ URL$/);
    expect(() => resolveMysqlTarget(resource({ ...seeded, defaultAdminUrl: 'mysql://root:pw@h/db' }), {})).toThrow(/"defaultAdminUrl": must not contain a password/);
    expect(() => resolveMysqlTarget(resource({ adminUrlEnv: 'TARGET_X', defaultAdminUrl: 'mysql://root@h' }), {})).toThrow('mysql resource "payments-mariadb": no database');
  });

  it('accepts object privileges on db.* or db.table only', () => {
    expect(entitlementGrant({ privileges: ['select', 'Show  View'], on: 'test.*' }, 'x')).toEqual({ privileges: ['SELECT', 'SHOW VIEW'], db: 'test', table: null });
    expect(entitlementGrant({ privileges: ['SELECT'] }, 'payments')).toEqual({ privileges: ['SELECT'], db: 'payments', table: null });
    expect(entitlementGrant({ privileges: ['SELECT'], on: 'test.orders' }, 'x')).toMatchObject({ table: 'orders' });
    for (const bad of [{ privileges: ['ALL PRIVILEGES'] }, { privileges: ['GRANT OPTION'] }, { privileges: [] }, { privileges: ['SELECT'], on: 'test' }, { privileges: ['SELECT'], on: 'te`st.*' }]) {
      expect(() => entitlementGrant(bad, 'x')).toThrow(/invalid mysql entitlement setting/);
    }
  });

  it('escapes LIKE wildcards in database-level grants, and matches stored patterns like MariaDB does', () => {
    expect(grantObject('my_db', null)).toBe('`my\\_db`.*');
    expect(grantObject('my_db', 't_1')).toBe('`my_db`.`t_1`');
    expect(dbPatternCovers('my\\_db', 'my_db')).toBe(true);
    expect(dbPatternCovers('my\\_db', 'myXdb')).toBe(false);
    expect(dbPatternCovers('my_db', 'myXdb')).toBe(true);
    expect(dbPatternCovers('test%', 'test_payments')).toBe(true);
    expect(dbPatternCovers('test', 'Test')).toBe(false);
  });

  it('sends only the mysql_native_password hash', () => {
    expect(nativePasswordHash('password')).toBe('*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19');
  });
});
