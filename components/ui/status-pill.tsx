import { Badge, type Tone } from './badge';

// Request and grant statuses, coloured by what they mean for the person reading them.
const toneByStatus: Record<string, Tone> = {
  pending: 'warning',
  approved: 'success',
  denied: 'danger',
  cancelled: 'neutral',
  expired: 'neutral',
  scheduled: 'info',
  provisioning: 'info',
  active: 'success',
  revoking: 'warning',
  revoked: 'neutral',
  failed: 'danger',
};

/** A status as its lower-case word, so it reads the same in the page, the API and the audit trail. */
export function StatusPill({ status, className }: { status: string; className?: string }) {
  return (
    <Badge tone={toneByStatus[status] ?? 'neutral'} className={className} data-status={status}>
      {status}
    </Badge>
  );
}
