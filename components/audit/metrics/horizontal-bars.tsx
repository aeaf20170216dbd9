import { useId } from 'react';
import { DataTable, type Column } from '@/components/ui/data-table';
import { seriesColor } from './chart-colors';

export interface Bar {
  label: string;
  value: number;
  /** How the value reads ("3 min 20 s"); the number itself when omitted. */
  display?: string;
}

const shown = (b: Bar) => b.display ?? String(b.value);

const barColumns: Column<Bar>[] = [
  { header: 'Measure', rowHeader: true, className: 'font-normal', cell: (b) => b.label },
  { header: 'Value', cell: shown },
];

const WIDTH = 480;
const ROW = 28;
const LABEL = 150;
const VALUE = 90;

/**
 * A few labelled quantities side by side as horizontal bars (inline SVG, no library). The SVG is one
 * image with a name that says everything; each bar has a <title> for pointer users; the same numbers
 * follow as a table, so nothing depends on seeing the bars.
 */
export function HorizontalBars({ title, bars, note }: { title: string; bars: Bar[]; note?: string }) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const span = WIDTH - LABEL - VALUE;
  const height = bars.length * ROW + 4;
  return (
    <figure aria-labelledby={`${id}-caption`} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <figcaption id={`${id}-caption`} className="text-base font-semibold">
        {title}
      </figcaption>
      {note ? <p className="mt-1 text-xs text-slate-600">{note}</p> : null}
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="mt-3 w-full" role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${shown(b)}`).join('; ')}`}>
        {bars.map((b, i) => {
          const y = i * ROW + 2;
          const w = b.value > 0 ? Math.max(2, (b.value / max) * span) : 0;
          return (
            <g key={b.label}>
              <text x={LABEL - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" fontSize="12" fill="#334155">
                {b.label}
              </text>
              <rect x={LABEL} y={y + 4} width={w} height={ROW - 8} rx="3" fill={seriesColor(i)}>
                <title>{`${b.label}: ${shown(b)}`}</title>
              </rect>
              <text x={LABEL + w + 6} y={y + ROW / 2} dominantBaseline="middle" fontSize="12" fill="#0f172a">
                {shown(b)}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600">Show as a table</summary>
        <DataTable look="quiet" stack={false} className="mt-2" caption={title} columns={barColumns} rows={bars} rowKey={(b) => b.label} />
      </details>
    </figure>
  );
}
