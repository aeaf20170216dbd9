import { describe, expect, it } from 'vitest';
import { credentialsUrl, databaseCredentials } from './credentials-url';

const login = { username: 'tbx_0f8fad5bd9cb', password: 'a-b_c', host: 'db.example.com', port: 5432, database: 'app' };

describe('credentials URL', () => {
  it('uses the scheme clients expect for each kind', () => {
    expect(credentialsUrl({ kind: 'postgres', ...login })).toBe('postgresql://tbx_0f8fad5bd9cb:a-b_c@db.example.com:5432/app');
    expect(credentialsUrl({ kind: 'mysql', ...login, port: 3306 })).toBe('mysql://tbx_0f8fad5bd9cb:a-b_c@db.example.com:3306/app');
  });

  it('encodes every part and brackets an IPv6 host', () => {
    const url = credentialsUrl({ kind: 'postgres', ...login, password: 'p@ss/w:rd?#', host: '::1', database: 'my db' });
    expect(url).toBe('postgresql://tbx_0f8fad5bd9cb:p%40ss%2Fw%3Ard%3F%23@[::1]:5432/my%20db');
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.password)).toBe('p@ss/w:rd?#');
    expect(decodeURIComponent(parsed.pathname.slice(1))).toBe('my db');
  });

  it('returns the credentials with their URL and end time, the host as given', () => {
    expect(databaseCredentials({ kind: 'mysql', ...login, host: '::1' }, new Date('2030-01-01T00:00:00Z'))).toEqual({
      kind: 'mysql',
      ...login,
      host: '::1',
      url: 'mysql://tbx_0f8fad5bd9cb:a-b_c@[::1]:5432/app',
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
  });
});
