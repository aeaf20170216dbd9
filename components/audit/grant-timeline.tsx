import { AppLink } from '@/components/ui/app-link';
import { Badge, type Tone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import type { GrantTimeline as Timeline, TimelineEntry, TimelinePhase } from '@/lib/audit/timeline';
import { formatSpan } from '@/lib/domain/durations';
import { eventSummary, statusChange, utcText } from './format';

const phaseLabel: Record<TimelinePhase, string> = {
  request: 'Request',
  decision: 'Decision',
  activation: 'Activation',
  credentials: 'Credentials',
  activity: 'Activity',
  end: 'End',
  other: 'Other',
};
const phaseTone: Record<TimelinePhase, Tone> = {
  request: 'info',
  decision: 'warning',
  activation: 'success',
  credentials: 'info',
  activity: 'neutral',
  end: 'danger',
  other: 'neutral',
};

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const ms = (iso: string) => new Date(iso).getTime();

/** Who asked for what and why, who decided, and how long the access was held — from the events alone. */
function summaryOf(events: TimelineEntry[]) {
  const requested = events.find((e) => e.action === 'request.created');
  const activated = events.find((e) => e.phase === 'activation');
  const ended = [...events].reverse().find((e) => e.phase === 'end' && (e.statusTo === 'revoked' || e.statusTo === 'expired' || e.statusTo === 'failed'));
  return {
    requester: requested?.actorLabel ?? null,
    what: requested ? [text(requested.data.resource) ?? requested.resource, text(requested.data.role)].filter(Boolean).join(' / ') : null,
    justification: requested ? text(requested.data.justification) : null,
    ticket: requested ? text(requested.data.ticket) : null,
    deciders: [...new Set(events.filter((e) => e.phase === 'decision' && /^(review\.|request\.(auto_approved|approved|denied))/.test(e.action)).map((e) => e.actorLabel))],
    activatedAt: activated?.occurredAt ?? null,
    endedAt: ended?.occurredAt ?? null,
    activity: events.filter((e) => e.phase === 'activity').length,
  };
}

/** When a step happened: reported activity by its report's time, everything else as the database recorded it. */
const whenOf = (e: TimelineEntry): string => e.reportedAt ?? e.occurredAt;

/**
 * A grant's story in order: request → decisions → activation → credentials issued → activity → end,
 * each step with its time, actor, and how long after the previous step and after the request it came.
 */
export function GrantTimeline({ timeline }: { timeline: Timeline }) {
  const { events } = timeline;
  const s = summaryOf(events);
  const start = events[0] ? ms(whenOf(events[0])) : 0;

  return (
    <div className="space-y-6">
      <section aria-labelledby="summary-heading" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 id="summary-heading" className="mb-2 text-base font-semibold">
          Summary
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium text-slate-600">Requested by</dt>
          <dd>{s.requester ?? '—'}</dd>
          <dt className="font-medium text-slate-600">Access</dt>
          <dd>{s.what ?? '—'}</dd>
          <dt className="font-medium text-slate-600">Why</dt>
          <dd className="break-words">
            {s.justification ?? '—'}
            {s.ticket ? ` (ticket ${s.ticket})` : ''}
          </dd>
          <dt className="font-medium text-slate-600">Decided by</dt>
          <dd>{s.deciders.length ? s.deciders.join(', ') : '—'}</dd>
          <dt className="font-medium text-slate-600">Held</dt>
          <dd>
            {s.activatedAt ? (
              <>
                from <time dateTime={s.activatedAt}>{utcText(s.activatedAt)}</time>
                {s.endedAt ? (
                  <>
                    {' '}
                    to <time dateTime={s.endedAt}>{utcText(s.endedAt)}</time> ({formatSpan(ms(s.endedAt) - ms(s.activatedAt))})
                  </>
                ) : (
                  ' — not ended'
                )}
              </>
            ) : (
              'never activated'
            )}
          </dd>
          <dt className="font-medium text-slate-600">Activity reported</dt>
          <dd>
            {s.activity} event{s.activity === 1 ? '' : 's'}
            {timeline.truncated ? ' shown (more were reported: see the events list)' : ''}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading" className="mb-3 text-lg font-semibold">
          Steps
        </h2>
        {events.length === 0 ? (
          <EmptyState>The trail holds no events for this grant.</EmptyState>
        ) : (
          <ol className="relative space-y-3 border-l-2 border-slate-200 pl-6" data-testid="grant-timeline">
            {events.map((e, i) => {
              const previous = events[i - 1];
              const change = statusChange(e);
              const summary = eventSummary(e, 200);
              return (
                <li key={e.id} className="relative rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200" data-phase={e.phase} data-action={e.action}>
                  <span aria-hidden="true" className="absolute top-4 -left-[1.95rem] h-3 w-3 rounded-full bg-brand-600 ring-4 ring-white" />
                  <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                    <Badge tone={phaseTone[e.phase]}>{phaseLabel[e.phase]}</Badge>
                    <AppLink href={`/audit/events/${e.id}`} className="font-mono text-sm font-medium text-brand-700 underline">
                      {e.action}
                    </AppLink>
                    <span className="text-sm text-slate-700">by {e.actorLabel}</span>
                    {change ? <span className="text-sm text-slate-700">{change}</span> : null}
                  </div>
                  <p className="mt-1 text-xs text-slate-600">
                    <time dateTime={whenOf(e)}>{utcText(whenOf(e))}</time>
                    {e.reportedAt ? ' (as reported)' : ''}
                    {previous ? ` · ${formatSpan(ms(whenOf(e)) - ms(whenOf(previous)))} after the previous step` : ''}
                    {i > 0 ? ` · ${formatSpan(ms(whenOf(e)) - start)} after the first` : ''}
                  </p>
                  {summary ? <p className="mt-1 text-sm break-words text-slate-800">{summary}</p> : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}
