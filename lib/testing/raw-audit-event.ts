import type { AuditInput } from '@/lib/audit/append';

type Raw = Omit<AuditInput, 'action' | 'data'> & { action: string; data?: Record<string, unknown> };

/**
 * Tests of the trail itself (chain, paging, filters, metrics) write events of any shape: what they
 * prove must hold whatever the action. Production code writes only the typed actions of audit-actions.ts.
 */
export const rawAuditEvent = (event: Raw): AuditInput => ({ data: {}, ...event }) as AuditInput;
