'use server';

import { z } from 'zod';
import { getConfig } from '@/lib/config/env';
import { authedAction } from '@/lib/http/server-action';
import { reconcile } from '@/lib/services/reconcile/reconcile';

// "Run reconciliation now": the admin's own run (audited under their name), in the mode the server
// is configured for, so the button never removes more than the cron job would.
export const runReconciliation = authedAction('runReconciliation', z.object({}).strict(), (deps, ctx) => reconcile(deps, ctx, { remove: getConfig().TIMEBOX_RECONCILE === 'remove' }));
