import { spawn } from 'node:child_process';

// PostgreSQL alone doing the CSV export's work: psql's `\copy (SELECT …) TO STDOUT WITH CSV` of the same
// columns in the same order (CSV_COLUMNS), unfiltered like the bench's export, oldest first. Its bytes
// go to `wc -c`, so neither side keeps the file. What it does not do (ISO times, formula neutralising,
// CRLF) is small next to reading and quoting the rows, so the ratio is the export's overhead.

const COPY_SELECT = `SELECT e."seq", e."occurredAt", e."id", e."actorLabel", e."actorId", e."tokenId", e."action", r."slug",
  e."resourceId", e."entitlementId", e."requestId", e."grantId", e."statusFrom", e."statusTo", e."data"->>'justification',
  e."data"->>'ticket', e."ip", e."userAgent", e."data"::text, e."chainIndex", e."prevHash", e."hash", e."data"->>'reportedAt'
  FROM "AuditEvent" e LEFT JOIN "Resource" r ON r."id" = e."resourceId" ORDER BY e."seq"`.replace(/\s+/g, ' ');

/** Seconds and bytes of one `\copy` of the whole trail, through psql on `databaseUrl`. */
export function copyTrail(databaseUrl: string): Promise<{ seconds: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // The URL and the command travel as environment variables: nothing is spliced into the shell line.
    const child = spawn('sh', ['-c', 'psql "$BENCH_COPY_URL" -X -q -v ON_ERROR_STOP=1 -c "$BENCH_COPY_COMMAND" | wc -c'], {
      env: { ...process.env, BENCH_COPY_URL: databaseUrl, BENCH_COPY_COMMAND: `\\copy (${COPY_SELECT}) TO STDOUT WITH CSV` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      const bytes = Number(out.trim());
      // The pipe's status is wc's: an empty output or anything on stderr means psql failed.
      if (code !== 0 || err.trim() || !(bytes > 0)) reject(new Error(`\\copy failed (${code}): ${err.trim() || 'no output'}`));
      else resolve({ seconds, bytes });
    });
  });
}
