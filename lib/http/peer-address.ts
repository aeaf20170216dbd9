import http from 'node:http';
import https from 'node:https';

// Next.js route handlers never see the TCP peer: the Request they get has headers only. Next itself fills
// X-Forwarded-For with the socket address — but only when the client sent none (`??=`), so on a server
// that faces clients directly that header is whatever the client chose. This stamps the socket's address
// into a header of our own on every incoming request, overwriting anything a client sent under that name,
// before Next.js handles it. clientIp() starts from it.

export const PEER_ADDRESS_HEADER = 'x-timebox-peer-address';

const PATCHED = Symbol.for('timebox.peerAddressStamp');

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

function patch(proto: { emit: Emit; [PATCHED]?: true }) {
  if (proto[PATCHED]) return;
  const emit = proto.emit;
  proto.emit = function (event, ...args) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      const address = req.socket?.remoteAddress;
      if (address) req.headers[PEER_ADDRESS_HEADER] = address;
      else delete req.headers[PEER_ADDRESS_HEADER];
    }
    return emit.call(this, event, ...args);
  };
  proto[PATCHED] = true;
}

/** Called once at server start (instrumentation.ts), before the first request. */
export function stampPeerAddresses(): void {
  patch(http.Server.prototype as unknown as { emit: Emit });
  patch(https.Server.prototype as unknown as { emit: Emit });
}
