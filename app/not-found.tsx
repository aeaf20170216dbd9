import { NotFoundMessage } from '@/components/shell/not-found-message';

/** Addresses outside the portal: no layout gives this page its landmark, so it brings its own <main>. */
export default function NotFound() {
  return (
    <main className="px-10">
      <NotFoundMessage />
    </main>
  );
}
