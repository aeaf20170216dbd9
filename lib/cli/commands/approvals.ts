import type { Command } from 'commander';
import type { RequestView } from '../api-types';
import { approvalsText } from '../describe';
import { formatMinutes } from '../duration';
import { printJson, printTable, say, shortTime, type OutputOptions } from '../output';
import { signedInClient } from '../session';

async function decide(id: string, decision: 'approve' | 'deny', comment: string | undefined, options: OutputOptions): Promise<void> {
  const client = await signedInClient();
  const { request: r } = await client.post<{ request: RequestView }>(`/api/v1/requests/${encodeURIComponent(id)}/${decision}`, comment ? { comment } : {});
  if (options.json) return printJson({ request: r });
  const count = r.approvals ? ` (${r.approvals.approved} of ${r.approvals.required} approvals)` : '';
  say(`${decision === 'approve' ? 'Approved' : 'Denied'}: request ${r.id} by ${r.requester.email} is now ${r.status}${r.status === 'pending' ? count : ''}.`);
}

export function registerApprovalCommands(program: Command, globals: () => OutputOptions): void {
  program
    .command('inbox')
    .description('requests waiting for your decision, oldest first')
    .action(async () => {
      const { items } = await (await signedInClient()).get<{ items: RequestView[] }>('/api/v1/inbox');
      if (globals().json) return printJson({ items });
      printTable(
        ['ID', 'REQUESTER', 'RESOURCE/ROLE', 'FOR', 'APPROVALS', 'WHY', 'LAPSES'],
        items.map((r) => [r.id, r.requester.email, `${r.resource}/${r.role}`, formatMinutes(r.durationMinutes), approvalsText(r), r.justification, shortTime(r.expiresAt)]),
        'Nothing waiting for you.',
      );
    });
  program
    .command('approve')
    .description('approve a request')
    .argument('<id>', 'the request id')
    .option('--comment <text>', 'a note for the requester and the audit trail')
    .action((id: string, options: { comment?: string }) => decide(id, 'approve', options.comment, globals()));
  program
    .command('deny')
    .description('deny a request (a comment is required)')
    .argument('<id>', 'the request id')
    .requiredOption('--comment <text>', 'why: the requester reads it')
    .action((id: string, options: { comment: string }) => decide(id, 'deny', options.comment, globals()));
}
