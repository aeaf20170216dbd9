import { ExitCode, CliError } from './exit-codes';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 60 * 60, d: 24 * 60 * 60 };

/** "1h30m" → seconds, with the units allowed; a bare number counts in `bareUnit`. Null when it is not such a duration. */
function toSeconds(text: string, units: string, bareUnit: 's' | 'm'): number | null {
  const value = text.trim().toLowerCase();
  if (/^\d+$/.test(value)) return Number(value) * UNIT_SECONDS[bareUnit]!;
  const parts = [...value.matchAll(new RegExp(`(\\d+)([${units}])`, 'g'))];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) return null;
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_SECONDS[unit!]!, 0);
}

/**
 * How long a role is wanted: "30m", "2h", "1h30m", "1d" or a bare number of minutes → whole minutes.
 * Anything else (seconds, zero, junk) is a usage error naming the option, so a typo never becomes a request
 * for the wrong time.
 */
export function parseDuration(text: string, option = 'duration'): number {
  const seconds = toSeconds(text, 'mhd', 'm');
  if (seconds === null) throw new CliError(`${option}: "${text}" is not a duration; use e.g. 30m, 2h, 1h30m or 1d.`, ExitCode.usage);
  if (!Number.isSafeInteger(seconds) || seconds < 60) throw new CliError(`${option}: "${text}" must be at least 1 minute.`, ExitCode.usage);
  return seconds / 60;
}

/** How long to wait (`--timeout`): like a duration, and seconds allowed ("45s"). */
export function parseTimeout(text: string, option = '--timeout'): number {
  const seconds = toSeconds(text, 'smhd', 'm');
  if (seconds === null) throw new CliError(`${option}: "${text}" is not a duration; use e.g. 45s, 15m or 1h.`, ExitCode.usage);
  if (!Number.isSafeInteger(seconds) || seconds < 1) throw new CliError(`${option}: "${text}" must be at least 1 second.`, ExitCode.usage);
  return seconds;
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
