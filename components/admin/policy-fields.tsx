import type { PolicyView } from '@/lib/services/admin/admin-views';
import type { GroupSummary } from '@/lib/services/admin/list-groups';
import { CheckboxField, TextField } from './form-fields';
import { formatMinutes, MAX_DURATION_MINUTES } from '@/lib/domain/durations';
import { JUSTIFICATION_MIN_DEFAULT } from '@/lib/domain/admin-input';

const newPolicy: PolicyView = {
  eligibleGroups: [],
  approverGroups: [],
  requiredApprovals: 1,
  maxDurationMinutes: 60,
  justificationRequired: true,
  ticketRequired: false,
  ticketPattern: null,
  ticketExample: null,
  justificationMinLength: JUSTIFICATION_MIN_DEFAULT,
  autoApproveGroups: [],
  autoApproveMaxMinutes: null,
  pendingTtlMinutes: 1440,
  breakGlassAllowed: false,
  breakGlassMaxMinutes: 60,
  breakGlassGroups: [],
  slackChannelEnv: null,
};

function KnownGroups({ groups }: { groups: GroupSummary[] }) {
  if (groups.length === 0) return <>Comma-separated group names. No groups exist yet; they appear when people sign in.</>;
  return (
    <>
      Comma-separated group names. Known groups: {groups.map((g, i) => (
        <span key={g.name}>
          {i ? ', ' : ''}
          <code>{g.name}</code> ({g.members} {g.members === 1 ? 'member' : 'members'})
        </span>
      ))}
      .
    </>
  );
}

/** Every policy setting, labelled, each with its error under it. Used by "Add role" and by the policy editor. */
export function PolicyFields({ idPrefix, policy, errors, groups }: { idPrefix: string; policy: PolicyView | null; errors: Record<string, string>; groups: GroupSummary[] }) {
  const p = policy ?? newPolicy;
  const id = (name: string) => `${idPrefix}-${name}`;
  const known = <KnownGroups groups={groups} />;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField id={id('eligibleGroups')} name="eligibleGroups" label="Eligible groups" defaultValue={p.eligibleGroups.join(', ')} hint={<>Who may request this role. {known}</>} error={errors.eligibleGroups} />
      <TextField id={id('approverGroups')} name="approverGroups" label="Approver groups" defaultValue={p.approverGroups.join(', ')} hint="Who decides requests. Nobody approves their own." error={errors.approverGroups} />
      <TextField id={id('requiredApprovals')} name="requiredApprovals" label="Approvals required" type="number" min={1} inputMode="numeric" defaultValue={p.requiredApprovals} hint="Distinct approvers needed." error={errors.requiredApprovals} />
      <TextField id={id('maxDurationMinutes')} name="maxDurationMinutes" label="Longest duration (minutes)" type="number" min={1} max={MAX_DURATION_MINUTES} inputMode="numeric" defaultValue={p.maxDurationMinutes} hint={`At most ${MAX_DURATION_MINUTES.toLocaleString('en')} (${formatMinutes(MAX_DURATION_MINUTES)}).`} error={errors.maxDurationMinutes} />
      <TextField id={id('autoApproveGroups')} name="autoApproveGroups" label="Auto-approve groups" defaultValue={p.autoApproveGroups.join(', ')} hint="Members of these groups are approved at once, within the limit below." error={errors.autoApproveGroups} />
      <TextField id={id('autoApproveMaxMinutes')} name="autoApproveMaxMinutes" label="Auto-approve up to (minutes)" type="number" min={1} inputMode="numeric" defaultValue={p.autoApproveMaxMinutes ?? ''} hint="Empty: never auto-approved. At most the longest duration." error={errors.autoApproveMaxMinutes} />
      <TextField id={id('ticketPattern')} name="ticketPattern" label="Ticket pattern (regular expression)" defaultValue={p.ticketPattern ?? ''} spellCheck={false} hint={<>e.g. <code>^[A-Z]+-[0-9]+$</code>. Required when a ticket is required.</>} error={errors.ticketPattern} />
      <TextField id={id('ticketExample')} name="ticketExample" label="Ticket example" defaultValue={p.ticketExample ?? ''} spellCheck={false} hint={<>What requesters are shown instead of the pattern, e.g. <code>OPS-123</code>. Must match the pattern.</>} error={errors.ticketExample} />
      <TextField id={id('justificationMinLength')} name="justificationMinLength" label="Shortest justification (characters)" type="number" min={1} max={500} inputMode="numeric" defaultValue={p.justificationMinLength} hint={`When a justification is required. Default ${JUSTIFICATION_MIN_DEFAULT}.`} error={errors.justificationMinLength} />
      <TextField id={id('pendingTtlMinutes')} name="pendingTtlMinutes" label="Undecided requests expire after (minutes)" type="number" min={5} max={10080} inputMode="numeric" defaultValue={p.pendingTtlMinutes} hint="5 to 10,080 (a week)." error={errors.pendingTtlMinutes} />
      <fieldset className="space-y-3 sm:col-span-2">
        <legend className="sr-only">Rules</legend>
        <CheckboxField id={id('justificationRequired')} name="justificationRequired" label="Justification required" defaultChecked={p.justificationRequired} error={errors.justificationRequired} />
        <CheckboxField id={id('ticketRequired')} name="ticketRequired" label="Ticket required" defaultChecked={p.ticketRequired} error={errors.ticketRequired} />
        <CheckboxField id={id('breakGlassAllowed')} name="breakGlassAllowed" label="Break-glass allowed" hint="Emergency access at once, without approval, for at most the break-glass maximum; it is recorded in the audit trail and an approver who is not the holder must review it afterwards." defaultChecked={p.breakGlassAllowed} error={errors.breakGlassAllowed} />
      </fieldset>
      <TextField id={id('breakGlassMaxMinutes')} name="breakGlassMaxMinutes" label="Break-glass maximum (minutes)" type="number" min={1} max={MAX_DURATION_MINUTES} inputMode="numeric" defaultValue={p.breakGlassMaxMinutes} hint="How long a break-glass grant lasts at most. No more than the longest duration." error={errors.breakGlassMaxMinutes} />
      <TextField id={id('breakGlassGroups')} name="breakGlassGroups" label="Who may break glass" defaultValue={p.breakGlassGroups.join(', ')} hint="Empty: every eligible group. Otherwise a narrower list of eligible groups." error={errors.breakGlassGroups} />
      <TextField
        id={id('slackChannelEnv')}
        name="slackChannelEnv"
        label="Slack channel (environment variable)"
        defaultValue={p.slackChannelEnv ?? ''}
        spellCheck={false}
        hint={<>Name of a variable starting with <code>TARGET_</code> that holds this role&apos;s Slack webhook URL, e.g. <code>TARGET_SLACK_PAYMENTS</code>. Empty: the team channel (SLACK_WEBHOOK_URL).</>}
        error={errors.slackChannelEnv}
      />
    </div>
  );
}
