import { AppLink } from '@/components/ui/app-link';

/**
 * What a 404 says. Rendered bare inside the portal (whose layout already holds the page's one <main>)
 * and wrapped in a <main> by the root not-found page, which has no layout around it.
 */
export function NotFoundMessage() {
  return (
    <div className="mx-auto max-w-xl py-10">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-2 text-slate-600">There is nothing at this address, or it is not yours to see.</p>
      <AppLink href="/" className="mt-4 inline-block font-medium text-brand-700 underline">
        Back to Timebox
      </AppLink>
    </div>
  );
}
