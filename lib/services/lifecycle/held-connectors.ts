import type { Connector, ConnectorRegistry } from '@/lib/connectors/types';

/** Connectors whose admin connections stay open across the calls of one piece of work, then are closed. */
export interface HeldConnectors {
  connectors: ConnectorRegistry;
  close(): Promise<void>;
}

/**
 * The registry with each connector that can hold its connections (Connector.holdConnections) replaced,
 * on first use, by its holding copy; the others as they are. `close()` closes every held connection.
 */
export function holdConnectorConnections(registry: ConnectorRegistry): HeldConnectors {
  const held = new Map<Connector['kind'], Connector & { close?: () => Promise<void> }>();
  return {
    connectors: {
      get(kind) {
        let connector = held.get(kind);
        if (!connector) {
          const plain = registry.get(kind);
          if (!plain) return undefined;
          connector = plain.holdConnections?.() ?? plain;
          held.set(kind, connector);
        }
        return connector;
      },
    },
    async close() {
      const all = [...held.values()];
      held.clear();
      await Promise.all(all.map((c) => c.close?.()));
    },
  };
}
