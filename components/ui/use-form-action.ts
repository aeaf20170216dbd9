'use client';

import { useState } from 'react';
import type { ActionResult } from '@/lib/http/server-action';

/** What the server said when it refused: a code, a message for people, and messages per input. */
export type Refusal = Extract<ActionResult<unknown>, { ok: false }>['error'];

/** The one message for an action that never got an answer (offline, server down, the action threw). */
export const NETWORK_FAILURE = 'Could not reach Timebox. Check your connection and try again.';

export interface FormActionOptions<I, T> {
  /** Inputs the form shows errors beside (dotted for nested input, e.g. "policy.ticketPattern"). */
  fields?: readonly string[];
  onSuccess?: (data: T, input: I) => void;
  /** Runs on a refusal; return true when the form dealt with it itself, so no form error is shown. */
  onRefusal?: (refusal: Refusal, input: I) => boolean | void;
}

export interface FormAction<I, T> {
  pending: boolean;
  /** The last success's data; null before, while a new attempt runs, and after a failure. */
  data: T | null;
  /** Refusal messages of the visible fields, by input name. */
  fields: Record<string, string>;
  /** A failure no visible field can show: a conflict, an ended session, no answer at all. */
  formError: string | null;
  /** Runs the action; resolves to its data, or null when it failed (the state says why). */
  run: (input: I) => Promise<T | null>;
  /** Forgets the outcome, e.g. when the form hides a shown result. */
  reset: () => void;
  /** Drops one field's message once the user edits it. */
  clearField: (name: string) => void;
}

interface State<T> {
  pending: boolean;
  data: T | null;
  fields: Record<string, string>;
  formError: string | null;
}

const idle = { pending: false, data: null, fields: {}, formError: null };

/** Splits a refusal into the messages that go beside visible fields and the one that goes above the form. */
function place(refusal: Refusal, visible: readonly string[]): Pick<State<never>, 'fields' | 'formError'> {
  const all = refusal.fields ?? {};
  const fields = Object.fromEntries(Object.entries(all).filter(([name]) => visible.includes(name)));
  const shownEverything = Object.keys(fields).length > 0 && Object.keys(fields).length === Object.keys(all).length;
  return { fields, formError: shownEverything ? null : refusal.message };
}

/**
 * Runs a server action (anything returning an ActionResult) for a form or a button and keeps what it
 * needs to show: pending, the last result, errors beside their fields and a form-level error. Each new
 * attempt forgets the previous outcome. Inputs stay as the user typed them: the form decides what to reset.
 */
export function useFormAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, options: FormActionOptions<I, T> = {}): FormAction<I, T> {
  const [state, setState] = useState<State<T>>(idle);

  async function run(input: I): Promise<T | null> {
    setState({ ...idle, pending: true });
    let result: ActionResult<T>;
    try {
      result = await action(input);
    } catch {
      setState({ ...idle, formError: NETWORK_FAILURE });
      return null;
    }
    if (!result.ok) {
      const handled = options.onRefusal?.(result.error, input) === true;
      setState({ ...idle, ...(handled ? {} : place(result.error, options.fields ?? [])) });
      return null;
    }
    setState({ ...idle, data: result.data });
    options.onSuccess?.(result.data, input);
    return result.data;
  }

  return {
    ...state,
    run,
    reset: () => setState(idle),
    clearField: (name) =>
      setState((s) => {
        if (!(name in s.fields)) return s;
        const fields = { ...s.fields };
        delete fields[name];
        return { ...s, fields };
      }),
  };
}
