import { absoluteLink, type NotificationMessage } from './message';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plain text and HTML for one message. The only link is the portal page; opening it changes nothing. */
export function renderEmail(message: NotificationMessage, baseUrl: string): { subject: string; text: string; html: string } {
  const link = absoluteLink(baseUrl, message.link.path);
  const prefs = absoluteLink(baseUrl, '/settings/notifications');
  const facts = message.facts.map(([label, value]) => `${label}: ${value}`);
  const text = [
    ...(message.urgent ? ['URGENT', ''] : []),
    message.subject,
    '',
    ...facts,
    '',
    `${message.link.label}: ${link}`,
    '',
    `-- \nTimebox. Choose what you are told about: ${prefs}`,
  ].join('\n');
  const rows = message.facts.map(([label, value]) => `<tr><th align="left" style="padding-right:12px">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  const html = `<!doctype html><html><body style="font-family:sans-serif">
${message.urgent ? '<p style="color:#b91c1c;font-weight:bold">URGENT</p>' : ''}<p>${escapeHtml(message.subject)}</p>
<table>${rows}</table>
<p><a href="${escapeHtml(link)}">${escapeHtml(message.link.label)}</a></p>
<p style="color:#666;font-size:12px">Timebox. <a href="${escapeHtml(prefs)}">Choose what you are told about</a>.</p>
</body></html>`;
  return { subject: message.urgent ? `[URGENT] ${message.subject}` : message.subject, text, html };
}
