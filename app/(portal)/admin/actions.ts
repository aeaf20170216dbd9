'use server';

import {
  archiveEntitlementInput,
  archiveResourceInput,
  createEntitlementInput,
  createResourceInput,
  updateEntitlementInput,
  updateResourceInput,
  upsertPolicyInput,
} from '@/lib/domain/admin-input';
import { authedAction } from '@/lib/http/server-action';
import { archiveEntitlement } from '@/lib/services/admin/archive-entitlement';
import { archiveResource } from '@/lib/services/admin/archive-resource';
import { createEntitlement } from '@/lib/services/admin/create-entitlement';
import { createResource } from '@/lib/services/admin/create-resource';
import { updateEntitlement } from '@/lib/services/admin/update-entitlement';
import { updateResource } from '@/lib/services/admin/update-resource';
import { upsertPolicy } from '@/lib/services/admin/upsert-policy';

// The admin forms' mutations. The services check the admin role and audit every change.

export const createResourceAction = authedAction('createResourceAction', createResourceInput, (deps, ctx, input) => createResource(deps, ctx, input));

export const updateResourceAction = authedAction('updateResourceAction', updateResourceInput, (deps, ctx, input) => updateResource(deps, ctx, input));

export const archiveResourceAction = authedAction('archiveResourceAction', archiveResourceInput, (deps, ctx, input) => archiveResource(deps, ctx, input));

export const createEntitlementAction = authedAction('createEntitlementAction', createEntitlementInput, (deps, ctx, input) => createEntitlement(deps, ctx, input));

export const updateEntitlementAction = authedAction('updateEntitlementAction', updateEntitlementInput, (deps, ctx, input) => updateEntitlement(deps, ctx, input));

export const archiveEntitlementAction = authedAction('archiveEntitlementAction', archiveEntitlementInput, (deps, ctx, input) => archiveEntitlement(deps, ctx, input));

export const upsertPolicyAction = authedAction('upsertPolicyAction', upsertPolicyInput, (deps, ctx, input) => upsertPolicy(deps, ctx, input));
