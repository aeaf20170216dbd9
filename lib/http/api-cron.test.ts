import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { log } from '@/lib/log';
import type { ServiceDeps } from '@/lib/services/deps';
import { overrideServiceDeps } from '@/lib/services/runtime';
import { cronRoute } from './api-cron';

// The scheduler's door, without a database: the job is a stand-in, the wrapper is real.

const SECRET = 'cron-secret-for-unit-tests-0123';
beforeAll(() => overrideServiceDeps({} as ServiceDeps));
afterAll(() => overrideServiceDeps(null));
afterEach(() => vi.restoreAllMocks());

const post = (headers: Record<string, string>) => new Request('http://test/api/cron/expire', { method: 'POST', headers });

describe('cronRoute', () => {
  it('tags its answers with a request id, refusals included', async () => {
    const route = cronRoute(() => SECRET, async () => ({ done: 0 }), 'sweep');
    const refused = await route(post({}));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const ran = await route(post({ authorization: `Bearer ${SECRET}`, 'x-request-id': 'scheduler-run-0001' }));
    expect(ran.status).toBe(200);
    expect(ran.headers.get('x-request-id')).toBe('scheduler-run-0001');
  });

  it('answers an unexpected failure with a 500 carrying the id it logged with the job name', async () => {
    const logged = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const route = cronRoute(() => SECRET, async () => Promise.reject(new Error('lock timeout')), 'sweep');
    const res = await route(post({ authorization: `Bearer ${SECRET}` }));
    expect(res.status).toBe(500);
    const requestId = res.headers.get('x-request-id');
    expect(await res.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side. It has been logged.', requestId } });
    expect(logged).toHaveBeenCalledOnce();
    expect(logged.mock.calls[0]![0]).toMatchObject({ route: 'cron sweep', requestId, actorId: null });
    expect(JSON.stringify(logged.mock.calls[0]![0])).not.toContain(SECRET);
  });
});
