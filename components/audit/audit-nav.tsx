import { AppLink } from '@/components/ui/app-link';

const sections = [
  { href: '/audit', label: 'Events' },
  { href: '/audit/metrics', label: 'Metrics' },
] as const;

/** The dashboard's own sections, under the page title. */
export function AuditNav({ current }: { current: (typeof sections)[number]['href'] | null }) {
  return (
    <nav aria-label="Audit sections" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-4">
        {sections.map((s) => (
          <li key={s.href}>
            <AppLink
              href={s.href}
              aria-current={current === s.href ? 'page' : undefined}
              className="inline-block border-b-2 border-transparent px-1 pb-2 text-sm font-medium text-slate-600 hover:text-slate-900 aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-700"
            >
              {s.label}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
