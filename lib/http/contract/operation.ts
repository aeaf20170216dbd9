import { z } from 'zod';
import type { TokenScope } from '@/lib/domain/scopes';
import { idParams } from '../api-schemas';

// The shape of one /api/v1 operation, and the helpers the operation lists (*-operations.ts) build them with.

/** A response that is not JSON (a file, a key), described for the document only. */
export interface RawResponse {
  contentType: string;
  description: string;
  binary?: boolean;
}

export interface Operation<P extends z.ZodType | undefined = z.ZodType | undefined, Q extends z.ZodType | undefined = z.ZodType | undefined, B extends z.ZodType | undefined = z.ZodType | undefined> {
  method: 'GET' | 'POST';
  /** OpenAPI path template: `/api/v1/requests/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: 'Requests' | 'Approvals' | 'Reviews' | 'Grants' | 'Access check' | 'Audit' | 'SSH' | 'Account' | 'CLI sign-in';
  /** The token scope a call needs; `any` for a valid token of any scope (about the token itself); null for the public endpoints, which take no token. */
  scope: TokenScope | 'any' | null;
  params?: P;
  query?: Q;
  body?: B;
  /** The success status (200 unless said). */
  status?: number;
  response: z.ZodType | RawResponse;
  /** Refusals the service itself makes, beyond those that follow from the spec (401/403, 400 for input, 404 for ids, 413/415 for bodies). */
  errors?: number[];
}

// Keeps each entry's own schema types (and whether it has a scope), so route handlers infer their input from it.
export const op = <S extends TokenScope | 'any' | null, P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  o: Operation<P, Q, B> & { scope: S },
) => o;

export const grantId = idParams('grant');
export const requestId = idParams('request');
export const one = <K extends string, S extends z.ZodType>(key: K, schema: S) => z.object({ [key]: schema } as { [P in K]: S });
