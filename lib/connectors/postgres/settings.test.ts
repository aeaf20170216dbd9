import { describe, expect, it } from 'vitest';
import type { GrantTarget } from '../types';
import { postgresError } from './admin-client';
import { scramVerifier } from './scram-verifier';
import { handedOutRoles, resolvePostgresTarget } from './settings';

const resource = (settings: Record<string, unknown>): GrantTarget['resource'] => ({ id: 'r1', slug: 'prod-postgres', kind: 'postgres', settings });
const seeded = { adminUrlEnv: 'TARGET_PG_URL', defaultAdminUrl: 'postgresql://postgres@127.0.0.1:5432/postgres' };

describe('postgres settings', () => {
  it('reads the admin URL from the named env var, else the default, and derives what users connect to', () => {
    expect(resolvePostgresTarget(resource(seeded), {})).toEqual({
      adminUrl: 'postgresql://postgres@127.0.0.1:5432/postgres',
      database: 'postgres',
      publicHost: '127.0.0.1',
      publicPort: 5432,
    });
    const fromEnv = resolvePostgresTarget(resource({ ...seeded, database: 'app', publicHost: 'db.example.com', publicPort: 6432 }), {
      TARGET_PG_URL: 'postgres://admin:s3cret@10.0.0.5/ignored',
    });
    expect(fromEnv).toEqual({ adminUrl: 'postgres://admin:s3cret@10.0.0.5/app', database: 'app', publicHost: 'db.example.com', publicPort: 6432 });
  });

  it('names the bad setting, and never echoes a secret', () => {
    expect(() => resolvePostgresTarget(resource({ ...seeded, defaultAdminUrl: 'postgresql://u:pw@h/db' }), {})).toThrow(
      'invalid postgres resource setting "defaultAdminUrl": must not contain a password',
    );
    expect(() => resolvePostgresTarget(resource({ ...seeded, publicPort: 'x' }), {})).toThrow(/setting "publicPort"/);
    expect(() => resolvePostgresTarget(resource({ ...seeded, publichost: 'x' }), {})).toThrow('unknown postgres resource setting "publichost"');
    const bad = () => resolvePostgresTarget(resource(seeded), { TARGET_PG_URL: 'mysql://root:hunter2@x/y' });
    expect(bad).toThrow('TARGET_PG_URL is not a postgresql:// URL');
    expect(postgresError(new Error('boom postgres://a:hunter2@h/db'), 'postgres://a:hunter2@h/db').message).toBe('postgres: boom postgres://a:***@h/db');
    expect(postgresError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'postgres://h/db').message).toBe(
      'target unreachable: connect ECONNREFUSED 127.0.0.1:5432',
    );
  });

  it('lists the roles a resource hands out, skipping entitlements whose settings do not parse', () => {
    expect(handedOutRoles([{ settings: { roles: ['pg_read_all_data'] } }, { settings: { roles: ['pg_read_all_data', 'pg_write_all_data'] } }, { settings: {} }])).toEqual([
      'pg_read_all_data',
      'pg_write_all_data',
    ]);
  });

  it('stores only a SCRAM verifier', () => {
    expect(scramVerifier('pw')).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
  });
});
