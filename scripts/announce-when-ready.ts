import { healthUrl, startBanner, type BannerFacts } from '@/lib/server/start-banner';

const POLL_MS = 500;
const GIVE_UP_MS = 180_000;

/**
 * Polls the health endpoint until the server answers (any status: a degraded database is reported by
 * the server itself), then prints where to go. Gives up quietly if the server never answers or exits.
 */
export async function announceWhenReady(listen: { host: string; port: number }, facts: BannerFacts, stopped: () => boolean): Promise<void> {
  const url = healthUrl(listen.host, listen.port);
  const deadline = Date.now() + GIVE_UP_MS;
  while (Date.now() < deadline && !stopped()) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) });
      console.log(startBanner(facts).join('\n'));
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
