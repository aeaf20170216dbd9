'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { NETWORK_FAILURE } from '@/components/ui/use-form-action';
import { recordCounter } from './record-counter';

type Format = 'csv' | 'ndjson';

type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; format: Format; records: number; bytes: number }
  | { phase: 'done'; format: Format; records: number; bytes: number; url: string; filename: string }
  | { phase: 'cancelled'; format: Format; records: number }
  | { phase: 'failed'; message: string };

const EXPORT_ROUTE = '/api/portal/audit/export';
/** Progress is shown at most this often: a fast export delivers hundreds of chunks a second. */
const PROGRESS_EVERY_MS = 150;

const number = new Intl.NumberFormat('en');
function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
const rowsText = (n: number) => `${number.format(n)} row${n === 1 ? '' : 's'}`;

/** The file name the server chose (Content-Disposition), or a sensible one. */
function filenameOf(response: Response, format: Format): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? `timebox-audit.${format}`;
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON: fall through
  }
  return `The export failed (HTTP ${response.status}).`;
}

/**
 * "Export CSV" / "Export NDJSON" for the filters in view. Reads the streamed export chunk by chunk
 * (the page stays usable), shows rows and bytes so far, and at the end the final row count and a link
 * that saves the file under the server's name. Cancel aborts the download.
 * `query` is the current filters as a query string, built on the server.
 */
export function ExportButtons({ query, disabledReason }: { query: string; disabledReason?: string | undefined }) {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const abortRef = useRef<AbortController | null>(null);
  const urlRef = useRef<string | null>(null);

  const releaseUrl = () => {
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    urlRef.current = null;
  };
  // Leaving the page stops a running export and frees the finished file.
  useEffect(
    () => () => {
      abortRef.current?.abort();
      releaseUrl();
    },
    [],
  );

  async function run(format: Format) {
    abortRef.current?.abort();
    releaseUrl();
    const controller = new AbortController();
    abortRef.current = controller;
    const counter = recordCounter(format);
    let bytes = 0;
    setState({ phase: 'running', format, records: 0, bytes: 0 });
    try {
      const params = new URLSearchParams(query);
      params.set('format', format);
      const response = await fetch(`${EXPORT_ROUTE}?${params.toString()}`, { signal: controller.signal, cache: 'no-store' });
      if (!response.ok || !response.body) {
        setState({ phase: 'failed', message: await errorMessage(response) });
        return;
      }
      const filename = filenameOf(response, format);
      const reader = response.body.getReader();
      const chunks: BlobPart[] = [];
      let shownAt = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        counter.push(value);
        const now = performance.now();
        if (now - shownAt >= PROGRESS_EVERY_MS) {
          shownAt = now;
          setState({ phase: 'running', format, records: counter.records, bytes });
        }
      }
      const blob = new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' });
      const url = URL.createObjectURL(blob);
      urlRef.current = url;
      setState({ phase: 'done', format, records: counter.records, bytes, url, filename });
    } catch (error) {
      if (controller.signal.aborted) setState({ phase: 'cancelled', format, records: counter.records });
      else setState({ phase: 'failed', message: error instanceof Error && error.name === 'TypeError' ? NETWORK_FAILURE : 'The export stopped before it finished.' });
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
    }
  }

  const running = state.phase === 'running';
  const blocked = running || disabledReason !== undefined;
  return (
    <section aria-labelledby="export-heading" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="export-heading" className="text-base font-semibold">
        Export
      </h2>
      <p className="mt-1 text-sm text-slate-600">{disabledReason ?? 'Every event matching the filters, oldest first.'}</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button type="button" variant="secondary" onClick={() => void run('csv')} disabled={blocked}>
          Export CSV
        </Button>
        <Button type="button" variant="secondary" onClick={() => void run('ndjson')} disabled={blocked}>
          Export NDJSON
        </Button>
        {running ? (
          <Button type="button" variant="danger" onClick={() => abortRef.current?.abort()}>
            Cancel export
          </Button>
        ) : null}
      </div>
      <div role="status" aria-live="polite" aria-busy={running} className="mt-3 text-sm" data-testid="export-status">
        {state.phase === 'running' ? (
          <p>
            Exporting {state.format.toUpperCase()}… {rowsText(state.records)} so far ({bytesText(state.bytes)})
          </p>
        ) : null}
        {state.phase === 'done' ? (
          <p>
            Export finished: <strong data-testid="export-rows">{rowsText(state.records)}</strong> ({bytesText(state.bytes)}).{' '}
            <a href={state.url} download={state.filename} className="font-semibold text-brand-700 underline">
              Save {state.filename}
            </a>
          </p>
        ) : null}
        {state.phase === 'cancelled' ? <p>Export cancelled after {rowsText(state.records)}. Nothing was saved.</p> : null}
      </div>
      {state.phase === 'failed' ? (
        <div className="mt-3">
          <FormError title="The export did not finish">{state.message}</FormError>
        </div>
      ) : null}
      {disabledReason ? null : (
        <p className="mt-3 text-xs text-slate-500">
          Very large exports: download{' '}
          <a href={`${EXPORT_ROUTE}?${query ? `${query}&` : ''}format=csv`} className="underline">
            CSV
          </a>{' '}
          or{' '}
          <a href={`${EXPORT_ROUTE}?${query ? `${query}&` : ''}format=ndjson`} className="underline">
            NDJSON
          </a>{' '}
          straight to disk (no progress here).
        </p>
      )}
    </section>
  );
}
