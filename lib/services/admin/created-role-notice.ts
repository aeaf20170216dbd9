/**
 * The one message shown after a role is created. It promises requesters can ask for the role only
 * when its policy raised no warning; otherwise it says the role exists but may not work yet, and the
 * warnings that follow say why — never a green "ready" above a warning that nobody can approve it.
 */
export function createdRoleNotice(warnings: readonly string[]): { tone: 'success' | 'warning'; text: string } {
  if (warnings.length === 0) return { tone: 'success', text: 'Role created. Requesters in its eligible groups can ask for it now.' };
  return { tone: 'warning', text: 'Role created, but its policy may not work as meant yet:' };
}
