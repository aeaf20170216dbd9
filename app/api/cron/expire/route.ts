import { getConfig } from '@/lib/config/env';
import { cronRoute } from '@/lib/http/api-cron';
import { sealPendingEvents } from '@/lib/audit/seal';
import type { ServiceDeps } from '@/lib/services/deps';
import { sweep } from '@/lib/services/sweep/sweep';

export const dynamic = 'force-dynamic';

// One scheduler pass (expire requests, start and end grants, retry revocations) for an external
// scheduler: Kubernetes CronJob, systemd timer, Vercel cron. See docs/api.md "Scheduling".
// It also seals new audit events into the hash chain, which the internal scheduler does otherwise.
async function sweepAndSeal(deps: ServiceDeps) {
  const summary = await sweep(deps);
  const { sealed } = await sealPendingEvents(deps.db, { wait: false });
  return { ...summary, auditEventsSealed: sealed };
}

const run = cronRoute(() => getConfig().CRON_SECRET, sweepAndSeal, 'sweep');

export const GET = run;
export const POST = run;
