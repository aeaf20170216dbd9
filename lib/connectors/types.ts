import type { ResourceKind } from '@/lib/db/generated/enums';

/** What a connector is told about a grant. Settings are non-secret; secrets come from env vars they name. */
export interface GrantTarget {
  grantId: string;
  user: { id: string; email: string };
  resource: { id: string; slug: string; kind: ResourceKind; settings: Record<string, unknown> };
  entitlement: { id: string; role: string; settings: Record<string, unknown> };
  startsAt: Date;
  expiresAt: Date;
  /** What provision() returned earlier (principal names, serials); never secrets. */
  targetState: Record<string, unknown>;
}

export interface ActualAccess {
  principal: string;
  role: string;
  detail?: string;
}

/**
 * One small interface per target kind. Calls happen outside database transactions and must be
 * idempotent: provision may be retried after a crash, deprovision until it succeeds.
 */
export interface Connector {
  kind: ResourceKind;
  provision(target: GrantTarget): Promise<{ targetState?: Record<string, unknown> }>;
  deprovision(target: GrantTarget): Promise<void>;
  /** Does the target grant this access right now? */
  verify(target: GrantTarget): Promise<boolean>;
  /** Access the target really holds for principals Timebox manages, for reconciliation. */
  listActual(resource: GrantTarget['resource']): Promise<ActualAccess[]>;
}

export type ConnectorRegistry = Pick<Map<ResourceKind, Connector>, 'get'>;
