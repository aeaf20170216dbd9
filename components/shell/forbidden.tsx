export function Forbidden({ what }: { what: string }) {
  return (
    <section role="alert" className="rounded-lg bg-amber-50 p-6 text-sm text-amber-900 ring-1 ring-amber-200">
      <h1 className="text-lg font-semibold">Not allowed</h1>
      <p className="mt-1">Your account cannot open {what}. Ask a Timebox administrator if you think it should.</p>
    </section>
  );
}
