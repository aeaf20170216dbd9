import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Slack's incoming-webhook endpoint on loopback (the one fake the rules allow: Slack itself
 * is not reachable). It speaks Slack's wire format — JSON in, `ok` out, `400 invalid_blocks` for a payload
 * Slack would refuse — and checks each payload against Block Kit's structure and limits.
 */
export interface SlackReceiver {
  url: string;
  payloads: Array<{ text: string; blocks: Array<Record<string, unknown>> }>;
  problems: string[];
  stop(): Promise<void>;
}

type Text = { type?: string; text?: string };

function textProblems(where: string, t: Text | undefined, max: number, types: string[]): string[] {
  if (!t || typeof t.text !== 'string' || !types.includes(t.type ?? '')) return [`${where}: text object of type ${types.join('|')} required`];
  if (t.text.length === 0 || t.text.length > max) return [`${where}: text length ${t.text.length} not in 1..${max}`];
  return [];
}

/** Block Kit's rules for the blocks Timebox sends (api.slack.com/reference/block-kit/blocks). */
export function blockKitProblems(payload: unknown): string[] {
  const p = payload as { text?: unknown; blocks?: unknown };
  const problems: string[] = [];
  if (typeof p.text !== 'string' || p.text.length > 3000) problems.push('text: fallback string up to 3000 characters required');
  if (!Array.isArray(p.blocks) || p.blocks.length === 0 || p.blocks.length > 50) return [...problems, 'blocks: 1..50 required'];
  p.blocks.forEach((block: Record<string, unknown>, i) => {
    const at = `blocks[${i}]`;
    if (block.type === 'header') problems.push(...textProblems(`${at}.text`, block.text as Text, 150, ['plain_text']));
    else if (block.type === 'section') {
      if (block.text) problems.push(...textProblems(`${at}.text`, block.text as Text, 3000, ['plain_text', 'mrkdwn']));
      const fields = (block.fields ?? []) as Text[];
      if (!block.text && fields.length === 0) problems.push(`${at}: section needs text or fields`);
      if (fields.length > 10) problems.push(`${at}.fields: at most 10`);
      fields.forEach((f, j) => problems.push(...textProblems(`${at}.fields[${j}]`, f, 2000, ['plain_text', 'mrkdwn'])));
    } else if (block.type === 'actions') {
      const elements = (block.elements ?? []) as Array<Record<string, unknown>>;
      if (elements.length === 0 || elements.length > 25) problems.push(`${at}.elements: 1..25 required`);
      elements.forEach((e, j) => {
        if (e.type !== 'button') return problems.push(`${at}.elements[${j}]: unexpected ${String(e.type)}`);
        problems.push(...textProblems(`${at}.elements[${j}].text`, e.text as Text, 75, ['plain_text']));
        const url = String(e.url ?? '');
        if (!/^https?:\/\//.test(url) || url.length > 3000) problems.push(`${at}.elements[${j}].url: http(s) URL up to 3000 characters required`);
      });
    } else problems.push(`${at}: unexpected block type ${String(block.type)}`);
  });
  return problems;
}

export async function startSlackReceiver(): Promise<SlackReceiver> {
  const payloads: SlackReceiver['payloads'] = [];
  const problems: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return res.writeHead(400, { 'Content-Type': 'text/plain' }).end('invalid_payload');
      }
      const found = blockKitProblems(payload);
      if (found.length > 0) {
        problems.push(...found);
        return res.writeHead(400, { 'Content-Type': 'text/plain' }).end('invalid_blocks');
      }
      payloads.push(payload as SlackReceiver['payloads'][number]);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    });
  });
  // Idle keep-alive sockets stay open for the whole test: with Node's 5 s default, a test slowed down by a
  // busy machine had the next call reuse a socket the receiver had just closed (ECONNRESET, not the status).
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/XXXXSECRETPATH`,
    payloads,
    problems,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
