import { describe, expect, it } from 'vitest';
import { ADMIN_LOCK_BOUND_MS, ADMIN_STATEMENT_BOUND_MS, REVOCATION_LEASE_MS } from '@/lib/domain/revocation-lease';
import { adminTimeouts, LEASE_DERIVED_TIMEOUTS } from './admin-client';

describe('admin timeouts', () => {
  it('are derived from the revocation lease and leave it room: connect plus one statement end well before it', () => {
    expect(LEASE_DERIVED_TIMEOUTS).toEqual({ connectMs: 5_000, statementMs: ADMIN_STATEMENT_BOUND_MS, lockMs: ADMIN_LOCK_BOUND_MS });
    expect(ADMIN_STATEMENT_BOUND_MS).toBe(REVOCATION_LEASE_MS / 3);
    expect(LEASE_DERIVED_TIMEOUTS.lockMs).toBeLessThan(LEASE_DERIVED_TIMEOUTS.statementMs);
    expect(LEASE_DERIVED_TIMEOUTS.connectMs + LEASE_DERIVED_TIMEOUTS.statementMs).toBeLessThanOrEqual(REVOCATION_LEASE_MS / 2);
    expect(adminTimeouts()).toEqual(LEASE_DERIVED_TIMEOUTS);
  });

  it('take shorter bounds (tests), and refuse any that would let an attempt outlive its lease', () => {
    expect(adminTimeouts({ statementMs: 1_500, lockMs: 500 })).toEqual({ connectMs: 5_000, statementMs: 1_500, lockMs: 500 });
    expect(() => adminTimeouts({ statementMs: REVOCATION_LEASE_MS })).toThrow(/below the 60 s revocation lease/);
    expect(() => adminTimeouts({ connectMs: 30_000, statementMs: 30_000, lockMs: 1_000 })).toThrow(/below the 60 s revocation lease/);
    expect(() => adminTimeouts({ statementMs: 1_000, lockMs: 2_000 })).toThrow(/lockMs ≤ statementMs/);
    expect(() => adminTimeouts({ lockMs: 0 })).toThrow(/positive/);
    expect(() => adminTimeouts({ statementMs: Number.NaN })).toThrow(/positive/);
  });
});
