import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import type { ActorContext } from '@/lib/domain/context';
import { minutes } from '@/lib/domain/clock';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '@/lib/services/deps';
import { actorFields } from './actor-fields';
import type { ActivityInput } from './activity-input';
import { appendAudit } from './append';
import { authorize } from '@/lib/services/authorize';
import { isUuid } from '@/lib/domain/ids';

// Reported activity: a target or agent tells Timebox what a principal did ("tbx_3f2a… ran DELETE …",
// "alice ran sudo … over ssh"). Timebox attributes it to the grant whose access was live for that
// principal at that moment, or flags it as outside every grant — and either way it joins the trail,
// so it shows in the grant's timeline and in exports.

export interface ActivityResult {
  /** The grant the activity is attributed to: the one live at `at`, else (for a per-grant principal) the grant that owns it. */
  linkedGrantId: string | null;
  /** No grant of this principal or user was live on the resource at `at`. */
  outsideGrant: boolean;
  eventId: string;
}

/** Reports may lag (log shippers batch), but not lead: a clock this far ahead is refused. */
const MAX_CLOCK_SKEW_MS = minutes(5);
/** The SSH connector's certificate key id: `timebox:<grant id>:<e-mail>` (sshd logs it as "ID …"). */
const SSH_KEY_ID = /^timebox:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):/i;

const candidateSelect = { id: true, requestId: true, entitlementId: true, activatedAt: true, endedAt: true, expiresAt: true } as const;
type Candidate = { id: string; requestId: string; entitlementId: string; activatedAt: Date | null; endedAt: Date | null; expiresAt: Date };

/** Access is live from activation until it ended — early (revoked) or on time — whichever comes first. */
function liveAt(grant: Candidate, at: Date): boolean {
  if (!grant.activatedAt || at < grant.activatedAt) return false;
  const end = grant.endedAt && grant.endedAt < grant.expiresAt ? grant.endedAt : grant.expiresAt;
  return at < end;
}

async function candidateGrants(db: Db, resourceId: string, input: ActivityInput): Promise<{ grants: Candidate[]; perGrantPrincipal: boolean; userId: string | null }> {
  const onResource: Prisma.GrantWhereInput = { entitlement: { resourceId }, activatedAt: { not: null } };
  if (input.principal) {
    const keyId = SSH_KEY_ID.exec(input.principal);
    const find = (where: Prisma.GrantWhereInput) => db.grant.findMany({ where: { AND: [onResource, where] }, orderBy: { activatedAt: 'desc' }, take: 50, select: candidateSelect });
    // A certificate key id or a connector-made login role (targetState.principal, e.g. PostgreSQL `tbx_…`)
    // belongs to exactly one grant; a principal listed in targetState.principals (SSH `ops`) is shared.
    if (keyId) return { grants: await find({ id: keyId[1]!.toLowerCase() }), perGrantPrincipal: true, userId: null };
    const own = await find({ targetState: { path: ['principal'], equals: input.principal } });
    if (own.length > 0) return { grants: own, perGrantPrincipal: true, userId: null };
    return { grants: await find({ targetState: { path: ['principals'], array_contains: [input.principal] } }), perGrantPrincipal: false, userId: null };
  }
  const user = await db.user.findFirst({ where: isUuid(input.user!) ? { id: input.user!.toLowerCase() } : { email: { equals: input.user!, mode: 'insensitive' } }, select: { id: true } });
  if (!user) return { grants: [], perGrantPrincipal: false, userId: null };
  const grants = await db.grant.findMany({ where: { ...onResource, userId: user.id }, orderBy: { activatedAt: 'desc' }, take: 50, select: candidateSelect });
  return { grants, perGrantPrincipal: false, userId: user.id };
}

/**
 * Records reported activity as an `activity.reported` event (data.reportedAt = when it was done), linked to
 * the grant live at that moment. Admin tokens with the `activity` scope only: reports add evidence,
 * so a member able to send them could fabricate it.
 */
export async function reportActivity(deps: ServiceDeps, ctx: ActorContext, input: ActivityInput): Promise<ActivityResult> {
  authorize(ctx, 'activity.report');
  const { db, clock } = deps;
  const now = clock.now();
  if (input.at.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) throw new AppError('unprocessable', 'at: is in the future; check the reporter’s clock.', { field: 'at' });

  const resource = await db.resource.findUnique({ where: { slug: input.resource }, select: { id: true } });
  if (!resource) throw new AppError('not_found', `No resource "${input.resource}".`, { field: 'resource' });

  const { grants, perGrantPrincipal, userId } = await candidateGrants(db, resource.id, input);
  const live = grants.find((g) => liveAt(g, input.at)) ?? null;
  // Outside every window but with a principal only one grant ever had: that grant's credentials were
  // used out of time — exactly what its timeline should show.
  const linked = live ?? (perGrantPrincipal ? (grants[0] ?? null) : null);
  const outsideGrant = live === null;

  const event = await db.$transaction((tx) =>
    appendAudit(tx, {
      ...actorFields(ctx),
      action: 'activity.reported',
      resourceId: resource.id,
      grantId: linked?.id ?? null,
      requestId: linked?.requestId ?? null,
      entitlementId: linked?.entitlementId ?? null,
      data: {
        kind: input.kind,
        detail: input.detail.text,
        ...(input.detail.truncated ? { detailTruncated: true } : {}),
        principal: input.principal ?? null,
        user: input.user ?? null,
        userId,
        outsideGrant,
        // The database dates every event itself; the reporter's time is evidence of what it claims, kept here.
        reportedAt: input.at.toISOString(),
        receivedAt: now.toISOString(),
      },
    }),
  );
  return { linkedGrantId: linked?.id ?? null, outsideGrant, eventId: event.id };
}
