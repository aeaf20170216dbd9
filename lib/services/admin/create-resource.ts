import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { Prisma } from '@/lib/db/generated/client';
import { createResourceInput, type CreateResourceInput } from '@/lib/domain/admin-input';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { resourceView, type AdminResourceView } from './admin-views';
import { checkResourceSettings } from './check-resource-settings';
import { parseAdminInput } from './guard';
import { orConflict } from './unique-conflict';
import { authorize } from '@/lib/services/authorize';

/** A new resource, with no roles yet (so nothing is requestable until a role with a policy is added). */
export async function createResource(deps: ServiceDeps, ctx: ActorContext, input: CreateResourceInput): Promise<AdminResourceView> {
  authorize(ctx, 'portal.admin');
  const data = parseAdminInput(createResourceInput, input);
  checkResourceSettings(data.kind, data.settings);
  const settings = data.settings as Prisma.InputJsonObject;
  const taken = () => new AppError('conflict', `A resource with the slug "${data.slug}" already exists (archived ones keep their slug).`, { field: 'slug' });

  return deps.db.$transaction(async (tx) => {
    if (await tx.resource.findUnique({ where: { slug: data.slug }, select: { id: true } })) throw taken();
    const row = await orConflict(() => tx.resource.create({ data: { ...data, settings } }), taken);
    await appendAudit(tx, {
      ...actorFields(ctx),
      action: 'resource.created',
      resourceId: row.id,
      data: { before: null, after: { slug: row.slug, name: row.name, description: row.description, kind: row.kind, settings } },
    });
    return resourceView({ ...row, entitlements: [] }, new Map());
  });
}
