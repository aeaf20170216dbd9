import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A received mail: the SMTP envelope (who it was really sent to) and the parsed message. */
export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  mail: ParsedMail;
}

export interface SmtpReceiver {
  /** smtp://user:password@127.0.0.1:port — the password is checked, so tests can look for it in messages. */
  url: string;
  password: string;
  mails: ReceivedMail[];
  stop(): Promise<void>;
}

/** A real SMTP server (npm smtp-server) on loopback that requires AUTH and parses every mail it accepts. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const password = 'smtp-pass-7f3a9c';
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'timebox' && auth.password === password) return callback(null, { user: 'timebox' });
      return callback(new Error('bad credentials'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            mails.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw: raw.toString('utf8'), mail });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://timebox:${password}@127.0.0.1:${port}`, password, mails, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** An SMTP "server" that accepts connections and never says a word: a hung mail relay. */
export async function startHangingSmtp(): Promise<{ url: string; connections: () => number; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  const server = net.createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    connections: () => count,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
