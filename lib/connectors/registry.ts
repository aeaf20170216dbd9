import type { ResourceKind } from '@/lib/db/generated/enums';
import { mysqlConnector } from './mysql/mysql-connector';
import { portalConnector } from './portal/portal-connector';
import { postgresConnector } from './postgres/postgres-connector';
import { sshConnector } from './ssh';
import type { CertificateSigner, Connector, ConnectorRegistry, CredentialIssuer } from './types';
import { webhookConnector } from './webhook';

/** The connectors this build knows. A resource whose kind has none cannot be activated (fails closed). */
export function defaultConnectors(): ConnectorRegistry {
  const all: Connector[] = [portalConnector, postgresConnector, mysqlConnector, sshConnector, webhookConnector];
  return new Map<ResourceKind, Connector>(all.map((c) => [c.kind, c]));
}

export const issuesCredentials = (c: Connector | undefined): c is Connector & CredentialIssuer => typeof (c as Partial<CredentialIssuer> | undefined)?.issueCredentials === 'function';
export const signsCertificates = (c: Connector | undefined): c is Connector & CertificateSigner => typeof (c as Partial<CertificateSigner> | undefined)?.signCertificate === 'function';
