import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { GrantTarget } from '../types';
import { type AdminUrlScheme, adminUrlFromEnv, adminUrlSettings, unbracketedHost } from './admin-url';
import { ConnectorError } from './connector-error';

const scheme: AdminUrlScheme = { kind: 'demo', label: 'demo://', protocols: ['demo:', 'demo2:'] };
const resource: GrantTarget['resource'] = { id: 'r1', slug: 'demo-db', kind: 'postgres', settings: {} };
const schema = z.strictObject(adminUrlSettings(scheme, 'TARGET_DEMO_URL'));

describe('admin URL settings', () => {
  it('default the env var name, and refuse a default URL with a password or of another kind', () => {
    expect(schema.parse({})).toEqual({ adminUrlEnv: 'TARGET_DEMO_URL' });
    expect(schema.safeParse({ adminUrlEnv: '1BAD' }).error?.issues[0]?.message).toMatch(/^must be an environment variable name starting with TARGET_/);
    for (const own of ['DATABASE_URL', 'AUTH_SECRET', 'CRON_SECRET', 'target_pg_url', 'TARGET_']) {
      expect(schema.safeParse({ adminUrlEnv: own }).success, own).toBe(false);
    }
    expect(schema.safeParse({ defaultAdminUrl: 'demo://u:pw@h/db' }).error?.issues[0]?.message).toMatch(/^must not contain a password/);
    expect(schema.safeParse({ defaultAdminUrl: 'other://h/db' }).error?.issues[0]?.message).toBe('must be a demo:// URL');
    expect(schema.parse({ defaultAdminUrl: 'demo2://u@h/db' })).toMatchObject({ defaultAdminUrl: 'demo2://u@h/db' });
  });
});

describe('adminUrlFromEnv', () => {
  const settings = { adminUrlEnv: 'TARGET_DEMO_URL', defaultAdminUrl: 'demo://admin@default-host/db' };

  it('reads the named env var first, then the default', () => {
    expect(adminUrlFromEnv(scheme, resource, settings, { TARGET_DEMO_URL: 'demo://admin:s3cret@env-host:1234/x' }).host).toBe('env-host:1234');
    expect(adminUrlFromEnv(scheme, resource, settings, { TARGET_DEMO_URL: '' }).host).toBe('default-host');
  });

  it('names the variable, never its value, when it is missing or not a URL of this kind', () => {
    const missing = () => adminUrlFromEnv(scheme, resource, { adminUrlEnv: 'TARGET_NOPE' }, {});
    expect(missing).toThrow(ConnectorError);
    expect(missing).toThrow('demo resource "demo-db": TARGET_NOPE is not set and there is no defaultAdminUrl');
    const wrong = () => adminUrlFromEnv(scheme, resource, settings, { TARGET_DEMO_URL: 'other://root:hunter2@h/db' });
    expect(wrong).toThrow(/^TARGET_DEMO_URL is not a demo:\/\/ URL$/);
    expect(() => adminUrlFromEnv(scheme, resource, settings, { TARGET_DEMO_URL: 'not a url hunter2' })).toThrow(/^TARGET_DEMO_URL is not a demo:\/\/ URL$/);
  });

  it('never reads a variable outside TARGET_, even from settings that skipped the schema', () => {
    const read = () => adminUrlFromEnv(scheme, resource, { adminUrlEnv: 'DATABASE_URL' }, { DATABASE_URL: 'demo://timebox:pw@h/timebox' });
    expect(read).toThrow(ConnectorError);
    expect(read).toThrow(/adminUrlEnv must be an environment variable name starting with TARGET_/);
  });

  it('gives an IPv6 host without brackets', () => {
    expect(unbracketedHost(new URL('demo://[::1]:5432/db'))).toBe('::1');
    expect(unbracketedHost(new URL('demo://db.example.com/db'))).toBe('db.example.com');
  });
});
