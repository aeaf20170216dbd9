'use server';

import { authedAction } from '@/lib/http/server-action';
import { decideDeviceSignIn } from '@/lib/services/device/decide-device-sign-in';
import { deviceDecisionInput } from '@/lib/services/device/device-input';

/** "Approve" / "Deny" on /device: the signed-in user lets the waiting `timebox login` in, or not. */
export const decideDevice = authedAction('decideDevice', deviceDecisionInput, (deps, ctx, input) => decideDeviceSignIn(deps, ctx, input));
