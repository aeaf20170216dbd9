import { absoluteLink, type NotificationMessage } from './message';

// Slack's limits (api.slack.com/reference/block-kit/blocks): header text 150, section text 3000,
// a section's fields 10 × 2000, button text 75, button url 3000.
const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
/** mrkdwn treats &, < and > as control characters (links, mentions): user text must not smuggle them in. */
const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An incoming-webhook payload: a fallback `text` for notifications and Block Kit blocks with a link button. */
export function renderSlack(message: NotificationMessage, baseUrl: string) {
  const headline = message.urgent ? `:rotating_light: URGENT — ${message.subject}` : message.subject;
  return {
    text: cut(escapeMrkdwn(headline), 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(headline, 150), emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: cut(escapeMrkdwn(message.subject), 3000) },
        ...(message.facts.length > 0
          ? { fields: message.facts.slice(0, 10).map(([label, value]) => ({ type: 'mrkdwn', text: cut(`*${escapeMrkdwn(label)}*\n${escapeMrkdwn(value)}`, 2000) })) }
          : {}),
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: cut(message.link.label, 75) },
            url: cut(absoluteLink(baseUrl, message.link.path), 3000),
            action_id: 'open',
            ...(message.urgent ? { style: 'danger' } : {}),
          },
        ],
      },
    ],
  };
}
