import type { GrantView } from '@/lib/services/views';

/**
 * How access works for kinds with nothing to hand out: a webhook told the receiving system, and a
 * portal entitlement is checked by other systems asking Timebox. Neither needs a click from the holder.
 */
export function AccessExplainer({ grant }: { grant: GrantView }) {
  if (grant.resourceKind === 'webhook') {
    return (
      <div className="space-y-2 text-sm text-slate-700">
        <p>
          There is nothing to fetch here. When this grant started, Timebox sent {grant.resourceName} a signed <code>grant.activated</code> message naming you and the role{' '}
          <strong>{grant.role}</strong>; that system now lets you act as described in its own documentation (for a deploy pipeline: run production deploys).
        </p>
        <p>
          When the grant ends, on time or early, Timebox sends <code>grant.ended</code>, retrying until the system confirms it, and the system takes the access away.
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-2 text-sm text-slate-700">
      <p>
        There is nothing to fetch here. {grant.resourceName} asks Timebox whether you hold <strong>{grant.role}</strong> (<code>GET /api/v1/access/check</code>) and lets you in while
        this grant is active.
      </p>
      <p>The answer turns to “no” the moment the grant ends or is revoked.</p>
    </div>
  );
}
