// Server-action arguments arrive as React's reply encoding (JSON text, or multipart fields holding JSON).
// React revives them recursively, so `[[[[…]]]]` 20,000 deep overflows the stack inside Next.js — a 500
// before any of our code runs. The proxy measures the nesting first with this scan, which is iterative
// (no input can overflow it) and linear in the body's length.

/** The deepest `[`/`{` nesting in `text`, counting only brackets outside JSON strings; stops past `limit`. */
export function nestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if ((c === 0x5d /* ] */ || c === 0x7d) /* } */ && depth > 0) depth--;
  }
  return deepest;
}

/** Far deeper than any form of ours sends (they nest two or three levels), far shallower than the stack. */
export const MAX_ACTION_NESTING = 64;
