import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { timeboxSignatureProblem } from '@/lib/connectors/webhook/webhook-signature';

/**
 * A real HTTP receiver on 127.0.0.1 for the webhook connector tests. It does what a receiver should:
 * verifies the signature over the raw body (401 when wrong), de-duplicates by event id, and answers 2xx.
 * Tests can make it fail (answer a status) or hang (answer late) to exercise retries and timeouts.
 */
export interface Delivery {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** null when the signature checked out; else why it was refused. */
  problem: string | null;
  status: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every request, in order, including refused and failed ones. */
  deliveries: Delivery[];
  /** Accepted events, one per event id, parsed. */
  events(): Array<Record<string, unknown> & { id: string; type: string }>;
  /** Answer `status` to the next `count` requests (after verifying them). */
  failNext(count: number, status?: number): void;
  /** Wait `ms` before answering each request, until set back to 0. */
  setDelay(ms: number): void;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(options: { secret: string; toleranceSeconds?: number; path?: string }): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const accepted = new Map<string, Record<string, unknown> & { id: string; type: string }>();
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  let delayMs = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const header = req.headers['timebox-signature'];
      const problem = timeboxSignatureProblem(raw, Array.isArray(header) ? header[0] : header, options.secret, options.toleranceSeconds);
      let status = problem ? 401 : 200;
      if (!problem && failures.count > 0) {
        failures.count--;
        status = failures.status;
      }
      if (status === 200) {
        const event = JSON.parse(raw.toString('utf8'));
        if (!accepted.has(event.id)) accepted.set(event.id, event); // a retry of a known id changes nothing
      }
      deliveries.push({ headers: req.headers, rawBody: raw.toString('utf8'), problem, status });
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      if (res.destroyed) return;
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(problem ? { error: problem } : { ok: status === 200 }));
    });
  });
  // Idle keep-alive sockets stay open for the whole test: with Node's 5 s default, a test slowed down by a
  // busy machine had the next call reuse a socket the receiver had just closed (ECONNRESET, not the status).
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${options.path ?? '/hooks/timebox'}`,
    deliveries,
    events: () => [...accepted.values()],
    failNext: (count, status = 500) => {
      failures = { count, status };
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
