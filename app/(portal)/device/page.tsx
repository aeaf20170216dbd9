import type { Metadata } from 'next';
import { DeviceDecision } from '@/components/device/device-decision';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { TextField } from '@/components/ui/text-field';
import { isAppError } from '@/lib/errors';
import { portalPage } from '@/lib/http/page-prelude';
import { describeDeviceSignIn, type DeviceSignInView } from '@/lib/services/device/decide-device-sign-in';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in the CLI' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * `timebox login` sends people here with the code it printed (or they type it). Opening the page only
 * shows what is asking and with which scopes: approving is a POST (a server action), never this GET.
 */
export default async function Page({ searchParams }: Props) {
  const { deps, ctx } = await portalPage();
  const raw = (await searchParams).code;
  const typed = typeof raw === 'string' ? raw.trim() : '';
  let waiting: DeviceSignInView | null = null;
  let problem: string | null = null;
  if (typed) {
    try {
      waiting = await describeDeviceSignIn(deps, ctx, typed);
    } catch (error) {
      if (!isAppError(error)) throw error;
      problem = error.message;
    }
  }

  return (
    <>
      <PageHeader title="Sign in the CLI" description="Approve a timebox login running in your terminal. Only approve a code you started yourself, just now." />
      {waiting ? (
        <section aria-labelledby="device-heading" className="max-w-xl rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 id="device-heading" className="text-lg font-semibold">
            {waiting.clientName}
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Code <strong className="font-mono">{waiting.userCode}</strong>: check it matches your terminal. Approving gives this CLI a token that acts as{' '}
            <strong>{ctx.actor.email}</strong> for 12 hours, with these scopes:
          </p>
          <ul className="my-4 list-disc space-y-1 pl-5 text-sm">
            {waiting.scopes.map((s) => (
              <li key={s.name}>
                <code className="rounded bg-slate-100 px-1">{s.name}</code>: {s.description}
              </li>
            ))}
          </ul>
          <DeviceDecision userCode={waiting.userCode} clientName={waiting.clientName} />
        </section>
      ) : (
        <form method="get" action="/device" className="flex max-w-sm flex-col gap-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <TextField
            label="Code from your terminal"
            name="code"
            defaultValue={typed}
            autoComplete="off"
            autoCapitalize="characters"
            placeholder="BCDF-GHJK"
            error={problem ?? undefined}
            required
          />
          <Button type="submit">Continue</Button>
        </form>
      )}
    </>
  );
}
