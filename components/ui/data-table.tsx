import type { ReactNode } from 'react';
import { EmptyState } from './empty-state';

export interface Column<Row> {
  /** Header text. In the stacked layout (narrow screens) it also labels each cell of the column. */
  header: string;
  cell: (row: Row) => ReactNode;
  /** Extra classes for this column's body cells: alignment, wrapping, font. */
  className?: string;
  /** The cell names its row: a <th scope="row">, and the card's title when stacked (so no label). */
  rowHeader?: boolean;
  /** A header for screen readers only, e.g. "Actions" over a column of buttons; its cells get no label. */
  hideHeader?: boolean;
}

/**
 * How the table sits on the page:
 * - card: a white card of its own, the page's main list;
 * - compact: the same card with tighter cells, for wide tables;
 * - plain: no frame, inside a card that already has one;
 * - quiet: the numbers behind a chart, without rules.
 */
export type TableLook = 'card' | 'compact' | 'plain' | 'quiet';

interface LookClasses {
  frame: string;
  table: string;
  head: string;
  headCell: string;
  body: string;
  cell: string;
}

const cardFrame = 'overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200';
const cardHead = 'bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase';

const looks: Record<TableLook, LookClasses> = {
  card: { frame: cardFrame, table: 'min-w-full divide-y divide-slate-200', head: cardHead, headCell: 'px-4 py-3', body: 'divide-y divide-slate-100', cell: 'px-4 py-3' },
  compact: { frame: cardFrame, table: 'min-w-full divide-y divide-slate-200', head: cardHead, headCell: 'px-3 py-3', body: 'divide-y divide-slate-100', cell: 'px-3 py-2' },
  plain: {
    frame: '',
    table: 'w-full',
    head: 'border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase',
    headCell: 'py-2 pr-4 font-medium last:pr-0',
    body: 'divide-y divide-slate-100',
    cell: 'py-2 pr-4 last:pr-0',
  },
  quiet: { frame: 'overflow-x-auto', table: 'min-w-full', head: '', headCell: 'py-1 pr-4 font-medium text-slate-600 last:pr-0', body: '', cell: 'py-1 pr-4 last:pr-0' },
};

// Below Tailwind's `sm` the table turns into a list of cards: the header row is kept for screen readers
// only, each row becomes a block and each cell shows its column's name above its value (from
// data-label, so the cell's own text stays exactly what it is on a wide screen). Empty cells disappear.
// The rules for rows and cells sit once on the <table> (descendant variants), not on every cell: on a
// 50-row audit page they were ~2 KB of class names a row, sent twice (HTML and the RSC payload). The
// descendant selectors outrank a cell's own padding on a phone, as the per-cell `max-sm:` classes did.
// Written out whole: Tailwind finds class names by scanning the source, so they cannot be built from parts.
const stacked = {
  table: [
    'max-sm:block',
    'max-sm:[&>tbody>tr]:block max-sm:[&>tbody>tr]:py-2',
    'max-sm:[&>tbody>tr>*]:block max-sm:[&>tbody>tr>*]:py-1 max-sm:[&>tbody>tr>*:empty]:hidden',
    'max-sm:[&>tbody>tr>[data-label]]:before:block max-sm:[&>tbody>tr>[data-label]]:before:text-xs max-sm:[&>tbody>tr>[data-label]]:before:font-semibold',
    'max-sm:[&>tbody>tr>[data-label]]:before:tracking-wide max-sm:[&>tbody>tr>[data-label]]:before:text-slate-500 max-sm:[&>tbody>tr>[data-label]]:before:uppercase',
    'max-sm:[&>tbody>tr>[data-label]]:before:content-[attr(data-label)]',
  ].join(' '),
  head: 'max-sm:sr-only',
  body: 'max-sm:block',
};

/** `data-*` attributes a row carries for scripts and tests (an event's id, a request's id). */
export type RowData = Record<`data-${string}`, string>;

const join = (...classes: (string | false | undefined)[]) => classes.filter(Boolean).join(' ');

/**
 * The one table of the app: a real <table> with a caption (its accessible name), column headers
 * with scope="col" and, where a column names the row, row headers. Rows stack into labelled cards
 * on narrow screens unless `stack` is off.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  rowData,
  empty,
  look = 'card',
  alignTop = false,
  stack = true,
  regionLabel,
  className,
  testId,
}: {
  /** Read out as the table's name; not shown. */
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowData?: (row: Row) => RowData;
  /** Shown instead of the table when there are no rows; without it an empty table is rendered. */
  empty?: ReactNode;
  look?: TableLook;
  alignTop?: boolean;
  stack?: boolean;
  /** Makes the scroll box a named, focusable region, so keyboard users can scroll a wide table. */
  regionLabel?: string;
  className?: string;
  testId?: string;
}) {
  const c = looks[look];
  if (rows.length === 0 && empty !== undefined) {
    // A table with a frame of its own is replaced by a card; one inside a card by a line of text.
    return look === 'card' || look === 'compact' ? <EmptyState className={className}>{empty}</EmptyState> : <p className={join('text-sm text-slate-600', className)}>{empty}</p>;
  }
  const region = regionLabel ? ({ role: 'region', 'aria-label': regionLabel, tabIndex: 0 } as const) : {};
  return (
    <div {...region} className={join(c.frame, regionLabel && 'focus-visible:outline-2 focus-visible:outline-brand-600', className) || undefined}>
      <table className={join(c.table, 'text-left text-sm', stack && stacked.table)} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className={join(c.head, stack && stacked.head) || undefined}>
          <tr>
            {columns.map((col, i) => (
              <th key={i} scope="col" className={c.headCell}>
                {col.hideHeader ? <span className="sr-only">{col.header}</span> : col.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={join(c.body, stack && stacked.body) || undefined}>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowData?.(row)} className={alignTop ? 'align-top' : undefined}>
              {columns.map((col, i) => {
                const labelled = stack && !col.rowHeader && !col.hideHeader;
                const props = { className: join(c.cell, col.className), 'data-label': labelled ? col.header : undefined };
                return col.rowHeader ? (
                  <th key={i} scope="row" {...props}>
                    {col.cell(row)}
                  </th>
                ) : (
                  <td key={i} {...props}>
                    {col.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
