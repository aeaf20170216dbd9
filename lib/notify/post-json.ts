/**
 * POSTs JSON with a deadline; resolves on 2xx, throws otherwise. Error messages name the host only: a
 * webhook URL's path often is its secret (Slack's are), so it never reaches a log, the outbox or the audit.
 */
export async function postJson(url: string, body: string, timeoutMs: number, headers: Record<string, string> = {}): Promise<void> {
  const host = new URL(url).host;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Timebox-Notifications/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const err = error as Error & { cause?: { code?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') throw new Error(`${host} did not answer within ${timeoutMs} ms`);
    throw new Error(`${host} unreachable: ${err.cause?.code ?? err.name}`);
  }
  await response.body?.cancel().catch(() => {});
  if (response.status < 200 || response.status >= 300) throw new Error(`${host} answered HTTP ${response.status}`);
}
