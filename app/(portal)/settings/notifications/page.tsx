import type { Metadata } from 'next';
import { PreferencesForm } from '@/components/notify/preferences-form';
import { PageHeader } from '@/components/ui/page-header';
import { portalPage } from '@/lib/http/page-prelude';
import { getNotificationPreferences } from '@/lib/services/notify/preferences';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Notification settings' };

/** Where every mail's List-Unsubscribe points: each person chooses e-mail and the bell per kind. */
export default async function Page() {
  const { deps, ctx } = await portalPage();
  const { kinds, emailConfigured } = await getNotificationPreferences(deps, ctx);
  return (
    <>
      <PageHeader
        title="Notification settings"
        description="Choose how Timebox tells you about each kind of event: by e-mail, in the bell at the top of every page, or both. Team channels (Slack, the webhook) are set up by your administrators and are not switched here."
      />
      <PreferencesForm kinds={kinds} emailConfigured={emailConfigured} />
    </>
  );
}
