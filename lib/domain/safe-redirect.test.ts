import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './safe-redirect';

describe('safeCallbackPath', () => {
  it('keeps local paths with their query', () => {
    expect(safeCallbackPath('/grants?status=active')).toBe('/grants?status=active');
    expect(safeCallbackPath('/grants?view=past#top')).toBe('/grants?view=past#top');
  });

  it.each(['https://evil.example/', '//evil.example', '/\\evil.example', 'grants', '', null, undefined, '/login?x=1', '/api/auth/signout', '/LOGIN', '/Api/Auth/signout'])(
    'refuses %s',
    (value) => {
      expect(safeCallbackPath(value)).toBe('/');
    },
  );

  // What searchParams hands over after decoding `%09`, `%0A`, `%0D`, `%E3%80%82`, … in ?callbackUrl=.
  it.each([
    '/\t/evil.example/x',
    '/\n/evil.example/x',
    '/\r/evil.example/x',
    '/\r\n/evil.example',
    '\t//evil.example',
    '/\t\\evil.example',
    '/\\\tevil.example',
    '//evil\u3002example',
    '/\u3002/evil.example',
    '//evil.example%2F@x',
    '/ /evil.example',
    '/\u0000/evil.example',
    '///evil.example',
    '/\\/evil.example',
    'javascript:alert(1)',
    '/%2F/evil.example',
  ])('never leaves the origin for %j', (value) => {
    const result = safeCallbackPath(value);
    expect(new URL(result, 'https://portal.example').origin).toBe('https://portal.example');
    // What a browser does with it as a Location header: resolves it again.
    expect(new URL(new URL(result, 'https://portal.example').href).host).toBe('portal.example');
    expect(result).toMatch(/^\/[\x21-\x7e]*$/);
    expect(result.startsWith('//')).toBe(false);
  });

  it('returns an ASCII path for non-ASCII input, so a Location header never throws', () => {
    expect(safeCallbackPath('/grants?q=\u3002')).toBe('/grants?q=%E3%80%82');
    expect(safeCallbackPath('/gr\nants')).toBe('/grants');
  });
});
