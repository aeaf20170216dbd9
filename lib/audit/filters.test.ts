import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/field-errors';
import { auditExportQuery } from '@/lib/http/audit-export';
import { auditFilterSchema, escapeLike } from './filters';
import { decodeCursor, encodeCursor } from './query';

describe('audit filters', () => {
  it('reads a day as UTC, with `to` covering the whole day', () => {
    expect(auditFilterSchema.parse({ from: '2026-11-17', to: '2026-11-17' })).toEqual({
      from: new Date('2026-11-17T00:00:00Z'),
      to: new Date('2026-11-18T00:00:00Z'),
    });
  });

  it('reads an instant (offset or none = UTC), with `to` including it', () => {
    expect(auditFilterSchema.parse({ from: '2026-11-17T14:00', to: '2026-11-17T16:00:00+02:00' })).toEqual({
      from: new Date('2026-11-17T14:00:00Z'),
      to: new Date(Date.parse('2026-11-17T14:00:00Z') + 1),
    });
  });

  it('treats blank fields as absent (a form submits them empty) and refuses nonsense', () => {
    expect(auditFilterSchema.parse({ actor: ' ', q: '', from: '' })).toEqual({});
    for (const bad of [{ from: 'yesterday' }, { to: '2026-13-45' }, { action: 'DROP TABLE' }, { grantId: '42' }, { other: 'x' }]) {
      expect(auditFilterSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(auditFilterSchema.parse({ action: 'grant.', q: ' 100% ' })).toEqual({ action: 'grant.', q: '100%' });
  });

  it('says To must be later than From instead of matching nothing', () => {
    const inverted = auditFilterSchema.safeParse({ from: '2026-11-18', to: '2026-11-17' });
    expect(inverted.success).toBe(false);
    expect(fieldErrorsOf(inverted.error!)).toEqual({ to: 'must be later than From' });
    expect(fieldErrorsOf(auditExportQuery.safeParse({ from: '2026-11-17T15:00', to: '2026-11-17T14:00' }).error!)).toEqual({ to: 'must be later than From' });
    // A one-day range, and a range of one instant, are fine.
    expect(auditFilterSchema.safeParse({ from: '2026-11-17', to: '2026-11-17' }).success).toBe(true);
    expect(auditFilterSchema.safeParse({ from: '2026-11-17T14:00', to: '2026-11-17T14:00' }).success).toBe(true);
  });

  it('escapes LIKE wildcards so text matches literally', () => {
    expect(escapeLike('100%_of\\x')).toBe('100\\%\\_of\\\\x');
  });
});

describe('cursors', () => {
  it('round-trip direction and seq, opaque to clients', () => {
    const cursor = encodeCursor('older', 1234567890123n);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ direction: 'older', seq: 1234567890123n });
    expect(decodeCursor(encodeCursor('newer', 5n))).toEqual({ direction: 'newer', seq: 5n });
  });

  it('refuses anything the server did not give out, naming the field', () => {
    const huge = (text: string) => Buffer.from(text).toString('base64url');
    expect(decodeCursor(huge('o9223372036854775807')).seq).toBe(9223372036854775807n);
    for (const bad of [huge('o9223372036854775808'), huge('n9999999999999999999'), '', 'abc', Buffer.from('x12').toString('base64url'), Buffer.from('o-1').toString('base64url'), 'a'.repeat(60)]) {
      expect(() => decodeCursor(bad)).toThrow(AppError);
    }
    try {
      decodeCursor('nope');
    } catch (error) {
      expect((error as AppError).details).toEqual({ field: 'cursor' });
    }
  });
});
