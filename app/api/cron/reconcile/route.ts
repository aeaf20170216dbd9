import { getConfig } from '@/lib/config/env';
import { cronRoute } from '@/lib/http/api-cron';
import { reconcile } from '@/lib/services/reconcile/reconcile';

export const dynamic = 'force-dynamic';

// Reconciliation for an external scheduler (CronJob, systemd timer): compare every target with the
// live grants, audit the drift, and remove it when TIMEBOX_RECONCILE=remove. Answers
// {"drift":[…],"removed":n,"failed":[…]}. Same CRON_SECRET as /api/cron/expire.
const run = cronRoute(() => getConfig().CRON_SECRET, (deps) => reconcile(deps, { system: 'reconciler' }, { remove: getConfig().TIMEBOX_RECONCILE === 'remove' }), 'reconcile');

export const GET = run;
export const POST = run;
