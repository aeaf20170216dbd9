// Input nested thousands of levels deep is nobody's real data, and recursive code downstream
// (JSON.stringify, structuredClone, logging) overflows the stack on it: a 500 instead of the client's 4xx.

/** Deepest nesting any input may have: settings and forms nest a few levels; this leaves room to spare. */
export const MAX_INPUT_DEPTH = 32;

/** true when objects/arrays nest deeper than `max` levels. Iterative: no depth can overflow it. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length) {
    const [next, depth] = pending.pop()!;
    if (next === null || typeof next !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(next)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * The same limit on raw JSON-like text, before anything parses it: the proxy measures server-action bodies
 * (React's reply encoding, which React revives recursively — 20,000 levels overflowed inside Next.js, a
 * 500 before any of our code ran). Counts `[`/`{` outside strings; linear, iterative, stops past `max`.
 */
export function textNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if ((c === 0x5d /* ] */ || c === 0x7d) /* } */ && depth > 0) depth--;
  }
  return false;
}
