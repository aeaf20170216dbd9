import { ExitCode, CliError } from './exit-codes';

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 24 * 60 };

/**
 * "30m", "2h", "1h30m", "1d" or a bare number of minutes → whole minutes. Anything else (seconds, zero,
 * negative, junk) is a usage error naming the option, so a typo never becomes a request for the wrong time.
 */
export function parseDuration(text: string, option = 'duration'): number {
  const value = text.trim().toLowerCase();
  if (/^\d+$/.test(value)) return positive(Number(value), option, text);
  const parts = [...value.matchAll(/(\d+)([mhd])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) {
    throw new CliError(`${option}: "${text}" is not a duration; use e.g. 30m, 2h, 1h30m or 1d.`, ExitCode.usage);
  }
  return positive(
    parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_MINUTES[unit!]!, 0),
    option,
    text,
  );
}

function positive(minutes: number, option: string, text: string): number {
  if (!Number.isSafeInteger(minutes) || minutes < 1) throw new CliError(`${option}: "${text}" must be at least 1 minute.`, ExitCode.usage);
  return minutes;
}

/** 90 → "1h30m": how durations are shown back. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m}m` : m === 0 ? `${h}h` : `${h}h${m}m`;
}

/** `--start` as an instant: an ISO time, or "+15m" / "in 15m" from now. */
export function parseStart(text: string, now = new Date()): Date {
  const relative = /^(?:\+|in\s+)(.+)$/i.exec(text.trim());
  if (relative) return new Date(now.getTime() + parseDuration(relative[1]!, '--start') * 60_000);
  const at = new Date(text);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text.trim())) {
    throw new CliError(`--start: "${text}" is not a time; use an ISO time (2026-12-02T14:00:00Z) or +15m.`, ExitCode.usage);
  }
  return at;
}
