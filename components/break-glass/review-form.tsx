'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { reviewGrant } from '@/app/(portal)/inbox/reviews/actions';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { TextareaField } from '@/components/ui/textarea-field';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ReviewOutcome } from '@/lib/domain/break-glass';

/** The reviewer's verdict on a break-glass grant; "not justified" needs a comment (the service says so beside the field). */
export function ReviewForm({ grantId }: { grantId: string }) {
  const router = useRouter();
  const [comment, setComment] = useState('');
  const review = useFormAction(reviewGrant, { fields: ['comment'], onSuccess: () => router.refresh(), onRefusal: () => router.refresh() });
  const run = (outcome: ReviewOutcome) => void review.run({ grantId, outcome, comment });
  return (
    <form onSubmit={(e) => e.preventDefault()} aria-label="Review" className="space-y-3">
      {review.formError ? <FormError>{review.formError}</FormError> : null}
      <TextareaField
        label="Comment"
        name="comment"
        value={comment}
        onChange={(e) => {
          setComment(e.target.value);
          review.clearField('comment');
        }}
        error={review.fields.comment}
        optional
        hint="Required for “not justified”: what should have happened instead."
      />
      <div className="flex flex-wrap gap-2">
        <Button type="button" disabled={review.pending} onClick={() => run('justified')}>
          Reviewed: justified
        </Button>
        <Button type="button" variant="danger" disabled={review.pending} onClick={() => run('not_justified')}>
          Reviewed: not justified
        </Button>
      </div>
    </form>
  );
}
