import { expect, test } from './portal-test';

test('health answers without a session', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  // On PostgreSQL as a superuser (as CI runs) it also warns that the role could bypass the audit triggers.
  expect(await response.json()).toMatchObject({ status: 'ok', database: 'ok' });
});

test('other API routes and pages need a session', async ({ request }) => {
  const response = await request.get('/inbox', { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toContain('/login?callbackUrl=%2Finbox');
});
