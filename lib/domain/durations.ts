// Durations: the longest any grant may last, and the one way Timebox writes a length of time for people.

/** The longest a policy may allow and a request may ask for: 31 days. */
export const MAX_DURATION_MINUTES = 60 * 24 * 31; // 44,640

/** 45 → "45 min", 90 → "1 h 30 min", 2880 → "2 d": a policy's whole-minute limits. */
export function formatMinutes(total: number): string {
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min';
}

/**
 * "2 d 3 h", "2 h 5 min", "4 min 10 s", "45 s": the largest two units of a span of wall-clock time
 * (time left, time since, time between two events); "< 1 s" below a second.
 */
export function formatSpan(ms: number): string {
  if (ms < 1000) return ms <= 0 ? '0 s' : '< 1 s';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
}
