import { getConfig } from '@/lib/config/env';
import { cronRoute } from '@/lib/http/api-cron';
import { checkpointPass } from '@/lib/audit/audit-checkpoints';
import { sealPendingEvents } from '@/lib/audit/seal';
import type { ServiceDeps } from '@/lib/services/deps';
import { sweep } from '@/lib/services/sweep/sweep';
import { notifySettings } from '@/lib/notify/settings';
import { notifyPass } from '@/lib/services/notify/notify-pass';

export const dynamic = 'force-dynamic';

// One scheduler pass (expire requests, start and end grants, retry revocations) for an external
// scheduler: Kubernetes CronJob, systemd timer, Vercel cron. See docs/api.md "Scheduling".
// It also seals new audit events into the hash chain, writes a signed checkpoint of its head when one is
// due (AUDIT_CHECKPOINT_INTERVAL_SECONDS) and delivers due notifications, which the internal
// scheduler does otherwise (delivery last: a slow mail server delays this answer, never the sweep).
async function sweepAndSeal(deps: ServiceDeps) {
  const summary = await sweep(deps);
  const { sealed } = await sealPendingEvents(deps.db, { wait: false });
  const checkpoint = await checkpointPass(deps.db, new Date());
  const notifications = await notifyPass(deps, notifySettings());
  return { ...summary, auditEventsSealed: sealed, auditCheckpointWritten: checkpoint !== null, notificationsSent: notifications.sent };
}

const run = cronRoute(() => getConfig().CRON_SECRET, sweepAndSeal, 'sweep');

export const GET = run;
export const POST = run;
