'use client';

import { useState } from 'react';
import type { ActionResult } from '@/lib/http/server-action';

export interface AdminFormState {
  pending: boolean;
  /** Message per field, keyed by the input's name (dotted for nested input, e.g. "policy.ticketPattern"). */
  fields: Record<string, string>;
  /** An error that belongs to no visible field (conflict, session ended, server trouble). */
  formError: string | null;
  /** Last success note, with any advice the service returned. */
  saved: { message: string; warnings: string[] } | null;
}

const idle: AdminFormState = { pending: false, fields: {}, formError: null, saved: null };

/**
 * Runs a server action from a form and keeps what a form needs to show: errors next to their fields,
 * a form-level error, and the success note. Inputs are uncontrolled and never reset, so what the admin
 * typed stays in place when the server refuses it.
 */
export function useAdminAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, visibleFields: readonly string[]) {
  const [state, setState] = useState<AdminFormState>(idle);

  async function run(input: I, onSuccess?: (data: T) => string | void): Promise<T | null> {
    setState({ ...idle, pending: true });
    let result: ActionResult<T>;
    try {
      result = await action(input);
    } catch {
      setState({ ...idle, formError: 'The server could not be reached. Check your connection and try again.' });
      return null;
    }
    if (!result.ok) {
      const fields = result.error.fields ?? {};
      const shown = Object.fromEntries(Object.entries(fields).filter(([k]) => visibleFields.includes(k)));
      const hidden = Object.keys(shown).length < Object.keys(fields).length || Object.keys(fields).length === 0;
      setState({ ...idle, fields: shown, formError: hidden ? result.error.message : 'Please correct the fields marked below.' });
      return null;
    }
    const warnings = (result.data as { warnings?: string[] } | null)?.warnings ?? [];
    const message = onSuccess?.(result.data) ?? 'Saved.';
    setState({ ...idle, saved: { message, warnings } });
    return result.data;
  }

  return { state, run };
}
