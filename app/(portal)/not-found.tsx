import { NotFoundMessage } from '@/components/shell/not-found-message';

/** A portal page's notFound() (an id that is not there, or not yours): inside the layout's <main>, so none of its own. */
export default function NotFound() {
  return <NotFoundMessage />;
}
