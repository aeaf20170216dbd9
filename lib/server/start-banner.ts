import { demoUsers } from '@/lib/seed/demo-data';

export interface BannerFacts {
  /** Where people open the portal: NEXTAUTH_URL, or http://localhost:PORT. */
  url: string;
  /** The embedded database holds the demo organisation, so one demo user is worth naming. */
  embedded: boolean;
  /** Sign-in by e-mail alone (the demo users have no password). */
  devLogin: boolean;
}

/**
 * What `npm start` prints once the server answers: where to go, where to sign in and, on the embedded
 * demo database, who to sign in as. Next.js's own "Ready" line names only the port it listens on.
 */
export function startBanner(facts: BannerFacts): string[] {
  const base = facts.url.replace(/\/+$/, '');
  const lines = [`Timebox is ready: ${base}`, `Sign in at ${base}/login`];
  const requester = demoUsers.find((u) => u.role === 'member');
  if (facts.embedded && facts.devLogin && requester) {
    lines.push(`Demo: sign in as ${requester.email} (a requester); README.md lists the other demo users.`);
  }
  return lines;
}

/** The address to poll for readiness: a wildcard listen address is reached on loopback. */
export function healthUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}/api/health`;
}
