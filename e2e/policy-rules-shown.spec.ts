import { createPortalRole } from './forms-helpers';
import { expect, test, uniqueTag } from './lifecycle-helpers';

// Issue 10, items 6 and 15: a policy's ticket example is what requesters see (the regex stays on the
// admin side), and its justification minimum is shown before submitting and enforced by the server.
test('the ticket example and the justification minimum are shown before submitting and named in the errors', async ({ as }) => {
  const tag = uniqueTag();
  const carol = await as('carol@example.com');
  const name = `Change board ${tag}`;
  await createPortalRole(carol, { slug: `chg-${tag}`, name, description: 'Change approvals', role: 'approver', maxMinutes: '60', ticketPattern: '^CHG-[0-9]+$', ticketExample: 'CHG-42', justificationMin: '20' });
  // Admins still see the pattern, with the example.
  await expect(carol.getByTestId('policy-summary')).toContainText('ticket matching ^CHG-[0-9]+$ (e.g. CHG-42)');
  await expect(carol.getByTestId('policy-summary')).toContainText('justification of at least 20 characters');

  // An example that does not match the pattern is refused (requesters would be shown a format they cannot use).
  await carol.getByLabel('Ticket example').fill('OPS-1');
  await carol.getByRole('button', { name: 'Save policy' }).click();
  await expect(carol.getByLabel('Ticket example')).toHaveAccessibleDescription(/must match the ticket pattern/);

  const alice = await as('alice@example.com');
  await alice.goto(`/requests/new?resource=chg-${tag}&role=approver`);
  const ticket = alice.getByLabel('Ticket', { exact: true });
  const justification = alice.getByLabel('Justification', { exact: true });
  await expect(ticket).toHaveAccessibleDescription('e.g. CHG-42');
  await expect(justification).toHaveAccessibleDescription(/at least 20 characters/);
  const panel = alice.getByRole('region', { name: 'Policy for this role' });
  await expect(panel).toContainText('like CHG-42');
  await expect(panel).toContainText('at least 20 characters');
  await expect(alice.getByRole('main')).not.toContainText('^CHG-');

  await alice.getByLabel('Duration (minutes)', { exact: true }).fill('30');
  await justification.fill('fix it');
  await expect(justification).toHaveAccessibleDescription(/6 of 20 so far/);
  await ticket.fill('chg 42');
  await alice.getByRole('main').getByRole('button', { name: 'Request access' }).click();
  await expect(justification).toHaveAccessibleDescription(/A justification of at least 20 characters is required \(6 so far\)\./);
  await expect(ticket).toHaveAccessibleDescription(/The ticket must look like CHG-42\./);

  await justification.fill(`Approve the change window ${tag}`);
  await ticket.fill('CHG-7');
  await alice.getByRole('main').getByRole('button', { name: 'Request access' }).click();
  await expect(alice).toHaveURL(/\/requests\?created=/);
  await expect(alice.getByRole('row').filter({ hasText: `Approve the change window ${tag}` })).toBeVisible();
});
