import { describe, expect, it } from 'vitest';
import { turnOnDemoSignIn } from './demo-sign-in';

describe('npm start turns demo sign-in on only for the embedded demo on loopback', () => {
  it('turns it on with no DATABASE_URL on the default or a loopback address', () => {
    for (const host of [undefined, '127.0.0.1', 'localhost', '::1']) {
      const env: Record<string, string | undefined> = host ? { TIMEBOX_LISTEN_HOST: host } : {};
      expect(turnOnDemoSignIn(env)).toBe(true);
      expect(env.AUTH_DEV_LOGIN).toBe('true');
    }
  });

  it('leaves it alone on PostgreSQL, beyond loopback, or when AUTH_DEV_LOGIN is set', () => {
    for (const env of [{ DATABASE_URL: 'postgresql://db/timebox' }, { TIMEBOX_LISTEN_HOST: '0.0.0.0' }, { AUTH_DEV_LOGIN: 'false' }] as Record<string, string | undefined>[]) {
      const before = { ...env };
      expect(turnOnDemoSignIn(env)).toBe(false);
      expect(env).toEqual(before);
    }
  });
});
