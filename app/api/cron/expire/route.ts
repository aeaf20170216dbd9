import { getConfig } from '@/lib/config/env';
import { cronRoute } from '@/lib/http/api-cron';
import { sweep } from '@/lib/services/sweep/sweep';

export const dynamic = 'force-dynamic';

// One scheduler pass (expire requests, start and end grants, retry revocations) for an external
// scheduler: Kubernetes CronJob, systemd timer, Vercel cron. See docs/api.md "Scheduling".
const run = cronRoute(() => getConfig().CRON_SECRET, sweep, 'sweep');

export const GET = run;
export const POST = run;
