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

/** How ending one grant on its target went, when several are ended together. */
export type DeprovisionOutcome = { grantId: string; outcome: 'done' } | { grantId: string; outcome: 'failed'; error: unknown } | { grantId: string; outcome: 'not-started' };

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
  /**
   * Optional, for targets where a connection is dear: ends several grants of ONE resource on one admin
   * connection, one grant after another, asking `mayStart()` before each (false: the caller's lease is
   * running short, so the rest are left `not-started` for the next pass). Each grant settles on its own:
   * one failing does not fail the others. Without it, the caller calls deprovision once per grant.
   */
  deprovisionMany?(targets: readonly GrantTarget[], mayStart: () => boolean): Promise<DeprovisionOutcome[]>;
  /**
   * Optional, beside deprovisionMany: this connector with its admin connections held open between calls
   * (at most one idle per target) until `close()`, so a sweep ending batch after batch on one target opens
   * one connection for the whole pass. The caller must close it.
   */
  holdConnections?(): Connector & { close(): Promise<void> };
  /** Does the target grant this access right now? */
  verify(target: GrantTarget): Promise<boolean>;
  /**
   * Access the target really holds for principals Timebox manages, for reconciliation, plus access to
   * what the resource's entitlements hand out that someone granted by hand (drift).
   */
  listActual(resource: GrantTarget['resource'], entitlements: EntitlementSettings[]): Promise<ActualAccess[]>;
  /** Removes one row listActual reported (reconciliation in remove mode). Absent: the kind cannot remove drift. */
  removeActual?(resource: GrantTarget['resource'], access: ActualAccess): Promise<void>;
}

/** One entitlement of a resource, as listActual needs it. */
export interface EntitlementSettings {
  role: string;
  settings: Record<string, unknown>;
}

/** Fresh login credentials for a database grant: set in the target by each call, never stored by Timebox. */
export interface DatabaseCredentials {
  kind: 'postgres' | 'mysql';
  username: string;
  password: string;
  host: string;
  port: number;
  database: string;
  url: string;
  expiresAt: string;
}

export interface SshCertificate {
  certificate: string;
  principals: string[];
  validAfter: string;
  validBefore: string;
  /** Certificate serial, kept in the grant's targetState so an early revoke can list it in the KRL. */
  serial: string;
}

/** Optional abilities, by kind: database connectors issue passwords, the SSH connector signs keys. */
export interface CredentialIssuer {
  issueCredentials(target: GrantTarget): Promise<DatabaseCredentials>;
}

export interface CertificateSigner {
  signCertificate(target: GrantTarget, publicKey: string): Promise<SshCertificate>;
}

export type ConnectorRegistry = Pick<Map<ResourceKind, Connector>, 'get'>;
