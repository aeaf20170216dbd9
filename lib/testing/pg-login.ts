import pg from 'pg';

/** A client connected to `url` (a target's admin or a grant's credentials); errors after connect are swallowed. */
export async function connectPg(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Whether these credentials log in to the target right now: what a grant's holder can do, asked of the target. */
export async function canLoginPg(url: string): Promise<boolean> {
  try {
    await (await connectPg(url)).end();
    return true;
  } catch {
    return false;
  }
}
