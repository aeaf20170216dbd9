'use client';

import { useRouter } from 'next/navigation';
import { resendNotificationAction } from '@/app/(portal)/admin/notifications/actions';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';

/** Puts one failed notification back in the queue (a POST through a server action; the service audits it). */
export function ResendButton({ notificationId, subject }: { notificationId: string; subject: string }) {
  const router = useRouter();
  const resend = useFormAction(resendNotificationAction, { onSuccess: () => router.refresh() });
  return (
    <div className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" onClick={() => void resend.run({ notificationId })} disabled={resend.pending} aria-label={`Resend: ${subject}`}>
        {resend.pending ? 'Resending…' : 'Resend'}
      </Button>
      <InlineError className="max-w-xs text-right text-sm">{resend.formError}</InlineError>
    </div>
  );
}
