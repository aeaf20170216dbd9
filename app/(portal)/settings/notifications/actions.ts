'use server';

import { z } from 'zod';
import { authedAction } from '@/lib/http/server-action';
import { notificationPreferencesInput } from '@/lib/notify/preferences';
import { markBellRead } from '@/lib/services/notify/bell';
import { setNotificationPreferences } from '@/lib/services/notify/preferences';

/** Saves the signed-in user's channel choices; the service refuses silencing what they must act on. */
export const saveNotificationPreferences = authedAction('saveNotificationPreferences', notificationPreferencesInput, (deps, ctx, input) => setNotificationPreferences(deps, ctx, input));

/** Marks bell notifications read (a POST, never a GET: opening a link changes nothing). Only the actor's own. */
export const markNotificationsRead = authedAction('markNotificationsRead', z.object({ ids: z.array(z.uuid({ message: 'must be a notification id' })).min(1).max(100) }).strict(), (deps, ctx, input) => markBellRead(deps, ctx, input));

/** "Mark all read" in the bell. */
export const markAllNotificationsRead = authedAction('markAllNotificationsRead', z.object({}).strict(), (deps, ctx) => markBellRead(deps, ctx, {}));
