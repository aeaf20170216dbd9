import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-2 text-slate-600">There is nothing at this address, or it is not yours to see.</p>
      <Link href="/" className="mt-4 inline-block font-medium text-brand-700 underline">
        Back to Timebox
      </Link>
    </main>
  );
}
