import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './safe-redirect';

describe('safeCallbackPath', () => {
  it('keeps local paths with their query', () => {
    expect(safeCallbackPath('/grants?status=active')).toBe('/grants?status=active');
  });
  it.each(['https://evil.example/', '//evil.example', '/\\evil.example', 'grants', '', null, undefined, '/login?x=1', '/api/auth/signout'])(
    'refuses %s',
    (value) => {
      expect(safeCallbackPath(value)).toBe('/');
    },
  );
});
