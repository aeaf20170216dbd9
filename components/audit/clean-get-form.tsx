'use client';

import { useRouter } from 'next/navigation';
import type { FormEvent, FormHTMLAttributes } from 'react';

/**
 * A GET form whose URL keeps only the fields that hold a value (`?action=grant.` rather than
 * `?from=&to=&actor=&action=grant.&…`), so a shared view's link says what it filters by.
 * Without JavaScript it is a plain GET form and the page reads the blank fields as absent.
 */
export function CleanGetForm({ action, children, ...props }: Omit<FormHTMLAttributes<HTMLFormElement>, 'method' | 'onSubmit' | 'action'> & { action: string }) {
  const router = useRouter();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value.trim() !== '') params.append(key, value.trim());
    }
    const query = params.toString();
    router.push(query ? `${action}?${query}` : action);
  }
  return (
    <form method="get" action={action} onSubmit={onSubmit} {...props}>
      {children}
    </form>
  );
}
