import { AppLink } from '@/components/ui/app-link';
import { PageHeader } from '@/components/ui/page-header';
import { navigationFor } from '@/lib/domain/navigation';
import { portalPage } from '@/lib/http/page-prelude';
import { mayRequestAnything } from '@/lib/services/requests/catalog';

export const dynamic = 'force-dynamic';

const blurbs: Record<string, string> = {
  '/requests/new': 'Ask for a role on a resource, for a bounded time, with a reason.',
  '/requests': 'Follow your requests and cancel the ones you no longer need.',
  '/grants': 'See the access you hold right now and how long it has left.',
  '/inbox': 'Decide the requests waiting for your approval.',
  '/audit': 'Page through and export the tamper-evident audit trail.',
  '/admin': 'Manage resources, entitlements, policies and tokens.',
};

export default async function HomePage() {
  const { deps, ctx } = await portalPage();
  const { actor } = ctx;
  const mayRequest = await mayRequestAnything(deps, ctx);
  return (
    <>
      <PageHeader title={`Hello, ${actor.name}`} description="Nobody holds standing privileges here: access is asked for, approved, and taken away when its time is up." />
      <p className="mb-6 text-sm text-slate-600">
        Your groups: {actor.groups.length ? actor.groups.join(', ') : 'none'}.
      </p>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {navigationFor(actor, { mayRequest }).map((item) => (
          <li key={item.href}>
            <AppLink href={item.href} className="block h-full rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 hover:ring-brand-600">
              <span className="font-semibold">{item.label}</span>
              <span className="mt-1 block text-sm text-slate-600">{blurbs[item.href]}</span>
            </AppLink>
          </li>
        ))}
      </ul>
    </>
  );
}
