import { describe, expect, it } from 'vitest';
import { healthUrl, startBanner } from './start-banner';

describe('startBanner', () => {
  it('names the URL, the sign-in page and, on the embedded demo, one demo user', () => {
    expect(startBanner({ url: 'http://localhost:3000', embedded: true, devLogin: true })).toEqual([
      'Timebox is ready: http://localhost:3000',
      'Sign in at http://localhost:3000/login',
      'Demo: sign in as alice@example.com (a requester); README.md lists the other demo users.',
    ]);
  });

  it('names no demo user on a real database or without e-mail sign-in', () => {
    expect(startBanner({ url: 'https://timebox.example.com/', embedded: false, devLogin: false })).toEqual(['Timebox is ready: https://timebox.example.com', 'Sign in at https://timebox.example.com/login']);
    expect(startBanner({ url: 'http://localhost:3000', embedded: true, devLogin: false })).toHaveLength(2);
  });
});

describe('healthUrl', () => {
  it('polls loopback for a wildcard listen address', () => {
    expect(healthUrl('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000/api/health');
    expect(healthUrl('0.0.0.0', 8080)).toBe('http://127.0.0.1:8080/api/health');
    expect(healthUrl('::1', 3000)).toBe('http://[::1]:3000/api/health');
  });
});
