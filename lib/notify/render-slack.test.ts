import { describe, expect, it } from 'vitest';
import { blockKitProblems } from '@/lib/testing/slack-receiver';
import { breakGlassStarted, needsApproval } from './compose';
import { renderSlack } from './render-slack';

const request = { id: '9a1e0000-0000-4000-8000-000000000001', requester: { name: 'Alice Adams', email: 'alice@example.com' }, resource: 'status-page', role: 'editor', durationMinutes: 30, ticket: 'OPS-1', extension: false };

describe('Slack messages', () => {
  it('stay within Block Kit limits however long the user text, and escape mrkdwn', () => {
    const payload = renderSlack(needsApproval({ ...request, justification: `<!channel> ${'x'.repeat(10_000)}` }), 'https://timebox.example.com');
    expect(blockKitProblems(payload)).toEqual([]);
    expect(JSON.stringify(payload)).not.toContain('<!channel>');
    expect(payload.blocks[2]).toMatchObject({ type: 'actions', elements: [{ type: 'button', text: { text: 'Review' }, url: `https://timebox.example.com/inbox/${request.id}` }] });
  });

  it('mark break-glass urgent', () => {
    const grant = { id: 'g1', requestId: request.id, holder: request.requester, resource: 'status-page', role: 'editor', expiresAt: new Date('2026-12-02T08:00:00Z') };
    const payload = renderSlack(breakGlassStarted(grant, 'prod down'), 'https://timebox.example.com');
    expect(blockKitProblems(payload)).toEqual([]);
    expect(payload.text).toMatch(/URGENT/);
    expect(payload.blocks[2]).toMatchObject({ elements: [{ style: 'danger', text: { text: 'Open grant' } }] });
  });
});
