import type { RequestView } from '@/lib/services/views';

/** Decisions so far, in order: who, what, and what they said. */
export function ReviewsList({ reviews, empty = 'No decisions yet' }: { reviews: RequestView['reviews']; empty?: string }) {
  if (reviews.length === 0) return <span className="text-slate-500">{empty}</span>;
  return (
    <ul className="space-y-1">
      {reviews.map((r) => (
        <li key={`${r.reviewer.email}-${r.createdAt}`}>
          <span className="font-medium">{r.reviewer.name}</span> {r.decision === 'approve' ? 'approved' : 'denied'}
          {r.comment ? <span className="text-slate-600">: “{r.comment}”</span> : null}
        </li>
      ))}
    </ul>
  );
}
