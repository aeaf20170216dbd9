// Counts the records of an export as its bytes arrive, for the progress line. NDJSON has one record
// per line (JSON escapes newlines inside strings). A CSV record may hold line breaks inside a quoted
// field (a justification typed on two lines), so a CSV line end counts only outside quotes; a quote
// inside a quoted field is doubled (""), which toggles twice and leaves the state unchanged. The
// header row is the first line, not a record.

export interface RecordCounter {
  /** Feed the next chunk of bytes (UTF-8: `"`, CR and LF never occur inside a multi-byte character). */
  push(chunk: Uint8Array): void;
  /** Records (data rows) seen so far. */
  readonly records: number;
}

const QUOTE = 0x22;
const LF = 0x0a;

export function recordCounter(format: 'csv' | 'ndjson'): RecordCounter {
  let lines = 0;
  let inQuotes = false;
  return {
    push(chunk) {
      if (format === 'ndjson') {
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === LF) lines++;
        return;
      }
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === QUOTE) inQuotes = !inQuotes;
        else if (byte === LF && !inQuotes) lines++;
      }
    },
    get records() {
      return format === 'csv' ? Math.max(0, lines - 1) : lines;
    },
  };
}
