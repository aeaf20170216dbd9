import nodemailer from 'nodemailer';
import { absoluteLink, type NotificationMessage } from './message';
import { renderEmail } from './render-email';
import type { NotifySettings } from './settings';

/** The Message-ID's domain: the sender's, so a retried mail is recognisable as the same message. */
function messageIdDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'timebox.invalid';
}

/**
 * host, port, TLS and credentials from SMTP_URL. Parsed here rather than handing nodemailer the URL string:
 * with a URL, nodemailer ignores every other option, and the timeouts below are what keeps a hung server short.
 */
function smtpConnection(url: string) {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
  };
}

/**
 * Sends one mail over SMTP. Every wait is bounded (connect, greeting, socket), so a dead or hanging server
 * holds the sender for `timeoutMs` at most. Errors carry no credentials: nodemailer's messages name the
 * server's answer, never the URL.
 */
export async function sendEmail(settings: NotifySettings, id: string, to: string, message: NotificationMessage): Promise<void> {
  const email = settings.email!;
  const transport = nodemailer.createTransport({
    ...smtpConnection(email.url),
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    const { subject, text, html } = renderEmail(message, settings.baseUrl);
    await transport.sendMail({
      from: email.from,
      to,
      subject,
      text,
      html,
      messageId: `<${id}@${messageIdDomain(email.from)}>`,
      priority: message.urgent ? 'high' : 'normal',
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Timebox-Notification': message.kind },
      list: { unsubscribe: { url: absoluteLink(settings.baseUrl, '/settings/notifications'), comment: 'Notification settings' } },
    });
  } finally {
    transport.close();
  }
}
