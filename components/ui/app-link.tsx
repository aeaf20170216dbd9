import Link, { type LinkProps } from 'next/link';
import type { AnchorHTMLAttributes } from 'react';

/**
 * Next.js's <Link> without prefetching: every link in the portal goes through this one.
 *
 * Every portal page is rendered per request (`force-dynamic`: who is signed in decides what it shows), so a
 * prefetch asks the server to render the target page for a click that may never come, and the router does
 * not keep what it fetched (dynamic data is stale at once), so the click fetches it again. With prefetching,
 * a browser's one view of /audit made 60 such requests (one per link in view: each event, actor, action,
 * request and grant) and cost the server ~400 ms of CPU where the page itself costs ~25 ms; /inbox's
 * navigation made 13. The link still navigates on the client (no full reload); it fetches on click.
 */
export function AppLink(props: Omit<LinkProps, 'prefetch'> & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, keyof LinkProps>) {
  return <Link {...props} prefetch={false} />;
}
