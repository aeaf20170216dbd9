import type { ResourceKind } from '@/lib/db/generated/enums';
import { portalConnector } from './portal/portal-connector';
import type { Connector, ConnectorRegistry } from './types';

/** The connectors this build knows. A resource whose kind has none cannot be activated (fails closed). */
export function defaultConnectors(): ConnectorRegistry {
  return new Map<ResourceKind, Connector>([[portalConnector.kind, portalConnector]]);
}
