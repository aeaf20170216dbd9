'use server';

import { reviewInput } from '@/lib/domain/break-glass';
import { uuidParam } from '@/lib/domain/request-input';
import { authedAction } from '@/lib/http/server-action';
import { reviewBreakGlass } from '@/lib/services/break-glass/review-break-glass';

// The REST body plus the grant's id (which the API takes from the URL).
const reviewForm = reviewInput.extend({ grantId: uuidParam });

/** "Reviewed: justified" / "Reviewed: not justified" on a break-glass grant's review page. */
export const reviewGrant = authedAction('reviewGrant', reviewForm, (deps, ctx, input) => reviewBreakGlass(deps, ctx, input));
