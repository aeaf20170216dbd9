import Link from 'next/link';

/** The "← Parent" link above a detail page's header. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <Link href={href} className="font-medium text-brand-700 underline">
        ← {children}
      </Link>
    </p>
  );
}
