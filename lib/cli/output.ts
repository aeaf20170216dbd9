// How the CLI talks: --json prints the server's JSON for scripts; otherwise aligned tables and short lines
// for people. Results go to stdout; progress and errors to stderr, so piping stdout stays clean.

export interface OutputOptions {
  json?: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Rows as a table with a header; an empty list says so in words instead of printing a bare header. */
export function printTable(headers: string[], rows: (string | number | null | undefined)[][], empty: string): void {
  if (rows.length === 0) {
    process.stdout.write(`${empty}\n`);
    return;
  }
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  for (const row of cells) process.stdout.write(`${row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`);
}

/** Label/value pairs, one per line, labels aligned. */
export function printFacts(facts: [string, string | number | null | undefined][]): void {
  const width = Math.max(...facts.map(([k]) => k.length));
  for (const [k, v] of facts) process.stdout.write(`${`${k}:`.padEnd(width + 1)} ${v === null || v === undefined || v === '' ? '-' : v}\n`);
}

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Progress and hints for the person at the terminal: stderr, so `--json` output on stdout stays parseable. */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A short local time for tables: "2026-12-02 14:05". */
export function shortTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
