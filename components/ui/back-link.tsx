import { AppLink } from '@/components/ui/app-link';

/** The "← Parent" link above a detail page's header. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <AppLink href={href} className="font-medium text-brand-700 underline">
        ← {children}
      </AppLink>
    </p>
  );
}
