/** What a streamed part of a page shows until it arrives: said once to screen readers (a status), kept short. */
export function Loading({ children }: { children: string }) {
  return (
    <p role="status" className="rounded-lg bg-white p-5 text-sm text-slate-500 shadow-sm ring-1 ring-slate-200">
      {children}
    </p>
  );
}
