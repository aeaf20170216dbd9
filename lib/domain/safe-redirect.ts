// Any stand-in origin works: the target is resolved against it and kept only if the origin is unchanged,
// which is the same question as "does it stay on the portal?" whatever the portal's real origin is.
// `.invalid` can never resolve, so a mistake here could not send anyone anywhere.
const OWN_ORIGIN = 'https://timebox.invalid';

// Pages a sign-in must never return to (a loop, or a sign-out triggered by a link).
const NEVER_RETURN_TO = [/^\/login(?:[/?#]|$)/, /^\/api\/auth(?:[/?#]|$)/];

/**
 * Only same-origin paths may be returned to after sign-in; anything else goes to `fallback`.
 * The browser's own URL parser decides: it drops tab/CR/LF, turns `\` into `/`, and maps ideographic
 * full stops in host names, so a string-prefix check misses `/\t/evil.example` (parsed as
 * `//evil.example`). The result is the parser's serialised path, so it is plain ASCII and safe in a
 * Location header.
 */
export function safeCallbackPath(value: string | null | undefined, fallback = '/'): string {
  if (!value || !value.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(value, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that starts with `//` or `/\` would be read as another host by a browser resolving it again.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
  if (NEVER_RETURN_TO.some((pattern) => pattern.test(url.pathname.toLowerCase()))) return fallback;
  return path;
}
