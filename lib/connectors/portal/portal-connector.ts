import { z } from 'zod';
import type { Connector } from '../types';

/** `portal` resources take no settings: the grant in Timebox is the whole of the access. */
export const portalResourceSettingsSchema = z.strictObject({});

/**
 * `portal` resources: the grant itself is the access. Target systems ask Timebox
 * (GET /api/v1/access/check), so there is nothing to create or remove elsewhere.
 */
export const portalConnector: Connector = {
  kind: 'portal',
  provision: async () => ({}),
  deprovision: async () => {},
  verify: async () => true,
  listActual: async () => [],
};
