export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Before the first request: every request carries its TCP peer's address (lib/http/peer-address.ts).
    const { stampPeerAddresses } = await import('./lib/http/peer-address');
    stampPeerAddresses();
    const { onServerStart } = await import('./lib/server/on-start');
    onServerStart();
  }
}
