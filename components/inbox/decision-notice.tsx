import type { ReactNode } from 'react';

/** What the approver is told after a decision: its outcome (status), or why it could not be made (alert). */
export type Notice = { kind: 'status' | 'alert'; text: string };

/**
 * The notice above the inbox and the one-request page. The polite live region is always in the page, so
 * an outcome put into it is announced; an alert announces itself. `more` follows an outcome (a link on).
 */
export function DecisionNotice({ notice, more }: { notice: Notice | null; more?: ReactNode }) {
  return (
    <>
      <div aria-live="polite">
        {notice?.kind === 'status' ? (
          <p className="mb-4 rounded-md bg-green-50 p-3 text-sm text-green-900 ring-1 ring-green-200">
            {notice.text}
            {more ? <> {more}</> : null}
          </p>
        ) : null}
      </div>
      {notice?.kind === 'alert' ? (
        <div role="alert" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
          {notice.text}
        </div>
      ) : null}
    </>
  );
}
