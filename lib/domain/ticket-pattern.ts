import { RE2JS } from 're2js';

/**
 * Ticket patterns are written by admins and matched against text requesters type, on the server's one
 * event loop (the scheduler that ends access shares it). A backtracking engine (JS RegExp) lets a pattern
 * like `^(a+)+$` take exponential time on a 28-character ticket; RE2's automaton matches in time linear
 * in the ticket, whatever the pattern. RE2 has no lookaround or backreferences: such patterns are refused
 * at save time, and a stored one that does not compile matches nothing (fail closed).
 */
const MAX_TICKET_CHARS = 200;

/** The compiled pattern, or null when RE2 cannot compile it. */
function compile(pattern: string): RE2JS | null {
  try {
    return RE2JS.compile(pattern);
  } catch {
    return null;
  }
}

/** Why an admin's pattern cannot be saved, or null when it can. */
export function ticketPatternProblem(pattern: string): string | null {
  if (compile(pattern) !== null) return null;
  try {
    new RegExp(pattern);
  } catch {
    return 'Not a valid regular expression';
  }
  return 'Not supported: lookaround and backreferences cannot be matched in linear time';
}

/** Does the ticket contain a match of the pattern (JS `RegExp.test` semantics, anchors as written)? */
export function ticketMatches(pattern: string, ticket: string): boolean {
  const re = compile(pattern);
  if (re === null || ticket.length > MAX_TICKET_CHARS) return false;
  return re.matcher(ticket).find();
}
