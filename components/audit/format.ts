import type { AuditEventView } from '@/lib/audit/view';

// How the dashboard writes an event's parts. Times are shown in UTC, the time zone the filters use,
// so what an auditor reads can be typed back into a filter (and matches the export).

/** `2026-11-17 14:03:12 UTC` */
export const utcText = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/** The first block of a UUID: enough to tell events apart on screen; links and titles carry the whole id. */
export const shortId = (id: string) => id.slice(0, 8);

const asText = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);

// The fields that say most about an event, in the order worth reading them.
const SUMMARY_FIELDS: readonly [string, string][] = [
  ['justification', ''],
  ['ticket', 'ticket '],
  ['reason', 'reason: '],
  ['comment', 'comment: '],
  ['detail', ''],
  ['principal', 'principal '],
  ['rule', 'rule: '],
  ['format', 'format '],
];

/** One short line of what the event's data says ("INC-42 flag rollback · ticket INC-42"). */
export function eventSummary(event: Pick<AuditEventView, 'data'>, max = 90): string {
  const parts: string[] = [];
  for (const [key, prefix] of SUMMARY_FIELDS) {
    const text = asText(event.data[key]);
    if (text) parts.push(prefix + text.replace(/\s+/g, ' '));
    if (parts.length === 2) break;
  }
  const line = parts.join(' · ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `pending → approved`, `→ scheduled`, or '' when the event changed no status. */
export function statusChange(event: Pick<AuditEventView, 'statusFrom' | 'statusTo'>): string {
  if (!event.statusFrom && !event.statusTo) return '';
  return `${event.statusFrom ?? ''} → ${event.statusTo ?? ''}`.trim();
}

