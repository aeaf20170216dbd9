'use server';

import { authedAction } from '@/lib/http/server-action';
import { resendInput, resendNotification } from '@/lib/services/notify/admin-deliveries';

/** Puts a failed notification back in the queue; the service checks the admin role and audits it. */
export const resendNotificationAction = authedAction('resendNotificationAction', resendInput, (deps, ctx, input) => resendNotification(deps, ctx, input));
