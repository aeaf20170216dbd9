/** How many break-glass grants wait for review, beside (not inside) the Reviews link; nothing when none. */
export function ReviewCountBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span data-testid="review-count" className="ml-[-0.25rem] inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white">
      {count}
      <span className="sr-only"> to review</span>
    </span>
  );
}
