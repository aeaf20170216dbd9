import { useId } from 'react';
import { DataTable, type Column } from '@/components/ui/data-table';
import type { GrantsByResource } from '@/lib/services/metrics/grants-by-resource';
import { seriesColor } from './chart-colors';

const WIDTH = 700;
const HEIGHT = 240;
const LEFT = 36;
const RIGHT = 8;
const TOP = 16;
const BOTTOM = 36;

/** A tick every whole step that gives at most ~4 gridlines. */
function ticks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 4));
  const out: number[] = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  return out;
}

/** The chart's numbers: a row per day, a column per resource, then the day's total. */
function dayColumns(series: GrantsByResource['series'], totals: number[]): Column<{ day: string; index: number }>[] {
  return [
    { header: 'Day (UTC)', rowHeader: true, className: 'font-normal whitespace-nowrap', cell: (r) => r.day },
    ...series.map((s): Column<{ day: string; index: number }> => ({ header: s.resource, cell: (r) => s.counts[r.index] ?? 0 })),
    { header: 'All', className: 'font-medium', cell: (r) => totals[r.index] },
  ];
}

/**
 * Grants issued per day, stacked by resource (inline SVG). Each segment has a <title>; the image's name
 * gives the totals; a legend names the colours and the table below holds every number.
 */
export function GrantsByDayChart({ data }: { data: GrantsByResource }) {
  const id = useId();
  const { days, series } = data;
  const totals = days.map((_, i) => series.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0));
  const grandTotal = totals.reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...totals);
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = plotW / days.length;
  const barW = slot * 0.7;
  const y = (v: number) => TOP + plotH - (v / max) * plotH;
  const title = `Grants issued per day, last ${days.length} days`;
  const busiest = series.map((s) => `${s.resource} ${s.total}`).join(', ');

  return (
    <figure aria-labelledby={`${id}-caption`} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <figcaption id={`${id}-caption`} className="text-base font-semibold">
        {title}, by resource
      </figcaption>
      <p className="mt-1 text-xs text-slate-600">UTC days, {days[0]} to {days.at(-1)} (today). Counted when access was granted.</p>
      {series.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">No grants in these {days.length} days.</p>
      ) : (
        <>
          <ul aria-label="Legend" className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs">
            {series.map((s, i) => (
              <li key={s.resource} className="flex items-center gap-1">
                <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: seriesColor(i) }} />
                {s.name} ({s.resource})
              </li>
            ))}
          </ul>
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="mt-2 w-full" role="img" aria-label={`${title}: ${grandTotal} in all (${busiest}); busiest day ${Math.max(...totals)} grants.`}>
            {ticks(max).map((t) => (
              <g key={t}>
                <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
                <text x={LEFT - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize="11" fill="#475569">
                  {t}
                </text>
              </g>
            ))}
            {days.map((day, d) => {
              const x = LEFT + d * slot + (slot - barW) / 2;
              let base = 0;
              return (
                <g key={day}>
                  {series.map((s, i) => {
                    const count = s.counts[d] ?? 0;
                    if (count === 0) return null;
                    const top = y(base + count);
                    const rect = (
                      <rect key={s.resource} x={x} y={top} width={barW} height={y(base) - top} fill={seriesColor(i)}>
                        <title>{`${day}, ${s.resource}: ${count} grant${count === 1 ? '' : 's'}`}</title>
                      </rect>
                    );
                    base += count;
                    return rect;
                  })}
                  {totals[d]! > 0 ? (
                    <text x={x + barW / 2} y={y(totals[d]!) - 4} textAnchor="middle" fontSize="11" fill="#0f172a">
                      {totals[d]}
                    </text>
                  ) : null}
                  <text x={x + barW / 2} y={HEIGHT - BOTTOM + 16} textAnchor="middle" fontSize="11" fill="#475569">
                    {day.slice(5)}
                  </text>
                </g>
              );
            })}
          </svg>
        </>
      )}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600">Show as a table</summary>
        <DataTable look="quiet" stack={false} className="mt-2" caption={`${title}, by resource`} columns={dayColumns(series, totals)} rows={days.map((day, index) => ({ day, index }))} rowKey={(r) => r.day} />
      </details>
    </figure>
  );
}
