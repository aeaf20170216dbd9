import { portalRoute } from '@/lib/http/portal-route';
import { grantsPageVersion } from '@/lib/services/grants/grants-page-version';

export const dynamic = 'force-dynamic';

/** What /grants polls: a fingerprint of its live grants, so the page re-renders only when something moved. */
export const GET = portalRoute({ permission: 'grants.read' }, async ({ deps, ctx }) => ({ version: await grantsPageVersion(deps, ctx) }));
