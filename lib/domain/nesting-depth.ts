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
