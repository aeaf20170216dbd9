import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './env';

const secret = 'x'.repeat(32);

function errorOf(env: Record<string, string>) {
  try {
    parseConfig(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('defaults to the embedded database with dev sign-in on port 3000', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ embedded: true, devLogin: true, PORT: 3000, oidc: null });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('names PORT when it is not a port', () => {
    for (const PORT of ['abc', '70000', '0', '3.5']) {
      const error = errorOf({ PORT });
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.variable).toBe('PORT');
      expect(error.message).toMatch(/^PORT /);
    }
  });

  it('names DATABASE_URL when it is malformed', () => {
    for (const DATABASE_URL of ['not a url', 'mysql://root@localhost/db', 'postgresql://']) {
      expect(errorOf({ DATABASE_URL, AUTH_SECRET: secret }).variable).toBe('DATABASE_URL');
    }
  });

  it('takes DATABASE_MIGRATION_URL only beside DATABASE_URL, and only a postgresql:// URL', () => {
    expect(parseConfig({ DATABASE_URL: 'postgresql://app@localhost/db', DATABASE_MIGRATION_URL: 'postgresql://owner@localhost/db', AUTH_SECRET: secret }).DATABASE_MIGRATION_URL).toBe('postgresql://owner@localhost/db');
    expect(errorOf({ DATABASE_MIGRATION_URL: 'postgresql://owner@localhost/db' }).variable).toBe('DATABASE_MIGRATION_URL');
    expect(errorOf({ DATABASE_URL: 'postgresql://app@localhost/db', DATABASE_MIGRATION_URL: 'mysql://x@h/db', AUTH_SECRET: secret }).variable).toBe('DATABASE_MIGRATION_URL');
  });

  it('requires AUTH_SECRET with a real database', () => {
    expect(errorOf({ DATABASE_URL: 'postgresql://u@localhost:5432/db' }).variable).toBe('AUTH_SECRET');
  });

  it('requires AUDIT_SIGNING_KEY in production with a real database, and nowhere else', () => {
    const production = { DATABASE_URL: 'postgresql://u@localhost:5432/db', AUTH_SECRET: secret, NODE_ENV: 'production' };
    expect(errorOf(production).variable).toBe('AUDIT_SIGNING_KEY');
    expect(errorOf({ ...production, AUDIT_SIGNING_KEY: 'short' }).variable).toBe('AUDIT_SIGNING_KEY');
    expect(parseConfig({ ...production, AUDIT_SIGNING_KEY: secret }).AUDIT_SIGNING_KEY).toBe(secret);
    expect(parseConfig({ ...production, NODE_ENV: 'development' }).AUDIT_SIGNING_KEY).toBeUndefined();
    expect(parseConfig({ NODE_ENV: 'production' }).AUDIT_SIGNING_KEY).toBeUndefined();
  });

  it('puts the audit checkpoint file under the data directory unless told otherwise', () => {
    expect(parseConfig({ TIMEBOX_DATA_DIR: '/srv/timebox' }).auditCheckpointFile).toBe('/srv/timebox/audit-checkpoints.jsonl');
    expect(parseConfig({ AUDIT_CHECKPOINT_FILE: '/var/log/timebox/checkpoints.jsonl' }).auditCheckpointFile).toBe('/var/log/timebox/checkpoints.jsonl');
    expect(parseConfig({}).AUDIT_CHECKPOINT_INTERVAL_SECONDS).toBe(300);
    expect(errorOf({ AUDIT_CHECKPOINT_INTERVAL_SECONDS: '1' }).variable).toBe('AUDIT_CHECKPOINT_INTERVAL_SECONDS');
  });

  it('turns dev sign-in off in production on the embedded database too, unless asked', () => {
    expect(parseConfig({ NODE_ENV: 'production' }).devLogin).toBe(false);
    expect(parseConfig({ NODE_ENV: 'production', AUTH_DEV_LOGIN: 'true' }).devLogin).toBe(true);
    expect(parseConfig({ NODE_ENV: 'development' }).devLogin).toBe(true);
  });

  it('refuses dev sign-in on a non-loopback listen address unless told twice', () => {
    for (const TIMEBOX_LISTEN_HOST of ['0.0.0.0', '::', '10.1.2.3', 'portal.internal']) {
      expect(errorOf({ TIMEBOX_LISTEN_HOST }).variable).toBe('AUTH_DEV_LOGIN');
      expect(errorOf({ TIMEBOX_LISTEN_HOST, NODE_ENV: 'production', AUTH_DEV_LOGIN: 'true' }).message).toMatch(/i-understand/);
      expect(parseConfig({ TIMEBOX_LISTEN_HOST, AUTH_DEV_LOGIN: 'i-understand' }).devLogin).toBe(true);
      expect(parseConfig({ TIMEBOX_LISTEN_HOST, AUTH_DEV_LOGIN: 'false' }).devLogin).toBe(false);
      expect(parseConfig({ TIMEBOX_LISTEN_HOST, NODE_ENV: 'production' }).devLogin).toBe(false);
    }
    for (const TIMEBOX_LISTEN_HOST of ['127.0.0.1', '127.0.1.1', '::1', '[::1]', 'localhost']) {
      expect(parseConfig({ TIMEBOX_LISTEN_HOST }).devLogin).toBe(true);
    }
  });

  it('turns dev sign-in off in production on a real database unless asked', () => {
    const base = { DATABASE_URL: 'postgresql://u@localhost/db', AUTH_SECRET: secret, AUDIT_SIGNING_KEY: secret, NODE_ENV: 'production' };
    expect(parseConfig(base).devLogin).toBe(false);
    expect(parseConfig({ ...base, AUTH_DEV_LOGIN: 'true' }).devLogin).toBe(true);
    expect(parseConfig({ ...base, NODE_ENV: 'development' }).devLogin).toBe(true);
    expect(parseConfig({ AUTH_DEV_LOGIN: 'false' }).devLogin).toBe(false);
    expect(errorOf({ AUTH_DEV_LOGIN: 'yes' }).variable).toBe('AUTH_DEV_LOGIN');
  });

  it('needs all three OIDC variables together', () => {
    expect(errorOf({ OIDC_ISSUER: 'https://id.example.com' }).variable).toBe('OIDC_CLIENT_ID');
    const config = parseConfig({ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' });
    expect(config.oidc).toMatchObject({ issuer: 'https://id.example.com', groupsClaim: 'groups' });
  });

  it('checks the notification channels at start, naming the variable', () => {
    expect(errorOf({ SMTP_URL: 'http://mail.example.com' }).variable).toBe('SMTP_URL');
    expect(errorOf({ SMTP_URL: 'smtp://mail.example.com:25' }).variable).toBe('SMTP_FROM');
    expect(errorOf({ NOTIFY_WEBHOOK_URL: 'https://hooks.example.com/x' }).variable).toBe('NOTIFY_WEBHOOK_SECRET');
    expect(errorOf({ NOTIFY_WEBHOOK_URL: 'https://hooks.example.com/x', NOTIFY_WEBHOOK_SECRET: 'short' }).variable).toBe('NOTIFY_WEBHOOK_SECRET');
    expect(errorOf({ SLACK_WEBHOOK_URL: 'not a url' }).variable).toBe('SLACK_WEBHOOK_URL');
    expect(errorOf({ TIMEBOX_REMINDER_MINUTES: '-1' }).variable).toBe('TIMEBOX_REMINDER_MINUTES');
    const config = parseConfig({ SMTP_URL: 'smtps://u:p@mail.example.com:465', SMTP_FROM: 'Timebox <t@example.com>' });
    expect(config).toMatchObject({ SMTP_URL: 'smtps://u:p@mail.example.com:465', TIMEBOX_REMINDER_MINUTES: 10 });
  });

  it('reads the IdP group settings as lists, and refuses the IdP deciding roles with no admin group', () => {
    expect(parseConfig({})).toMatchObject({ TIMEBOX_ADMIN_GROUPS: [], TIMEBOX_AUDITOR_GROUPS: [], TIMEBOX_ROLES_FROM_IDP: false, TIMEBOX_REVOKE_ON_GROUP_LOSS: false });
    const config = parseConfig({ TIMEBOX_ADMIN_GROUPS: ' tbx-admins, Timebox Admins ,,tbx-admins', TIMEBOX_ROLES_FROM_IDP: 'true', TIMEBOX_REVOKE_ON_GROUP_LOSS: '1' });
    expect(config).toMatchObject({ TIMEBOX_ADMIN_GROUPS: ['tbx-admins', 'Timebox Admins'], TIMEBOX_ROLES_FROM_IDP: true, TIMEBOX_REVOKE_ON_GROUP_LOSS: true });
    expect(errorOf({ TIMEBOX_ROLES_FROM_IDP: 'true', TIMEBOX_AUDITOR_GROUPS: 'auditors' }).variable).toBe('TIMEBOX_ADMIN_GROUPS');
    expect(errorOf({ TIMEBOX_REVOKE_ON_GROUP_LOSS: 'yes' }).variable).toBe('TIMEBOX_REVOKE_ON_GROUP_LOSS');
  });
});
