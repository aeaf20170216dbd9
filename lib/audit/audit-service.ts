import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '@/lib/services/deps';
import { actorFields } from './actor-fields';
import { latestConfiguredCheckpoint } from './audit-checkpoints';
import { appendAudit } from './append';
import type { ExportFormat } from './export-format';
import { auditExportStream } from './export-stream';
import { resolveFilters, type AuditFilters } from './filters';
import { queryAudit, type AuditPage } from './query';
import { sealPendingEvents, type ChainHead } from './seal';
import { grantTimeline, type GrantTimeline } from './timeline';
import { verifyChain, type VerifyResult } from './verify';
import { ResourceSlugs, auditEventView, eventSelect, type AuditEventView } from './view';
import { authorize } from '@/lib/services/authorize';

// The audit trail's use cases, each behind the audit.read permission: the REST API, the dashboard's server
// components and its server actions all come through here.

export async function listAuditEvents(deps: ServiceDeps, ctx: ActorContext, input: AuditFilters & { limit?: number | undefined; cursor?: string | undefined }): Promise<AuditPage> {
  authorize(ctx, 'audit.read');
  const { limit, cursor, ...filters } = input;
  return queryAudit(deps.db, filters, { limit, cursor });
}

export async function getAuditEvent(deps: ServiceDeps, ctx: ActorContext, id: string): Promise<AuditEventView> {
  authorize(ctx, 'audit.read');
  const row = await deps.db.auditEvent.findUnique({ where: { id }, select: eventSelect });
  if (!row) throw new AppError('not_found', 'No such audit event.');
  return auditEventView(row, await new ResourceSlugs(deps.db).load([row]));
}

export async function verifyAuditTrail(deps: ServiceDeps, ctx: ActorContext, input: { anchor?: ChainHead | undefined } = {}): Promise<VerifyResult> {
  authorize(ctx, 'audit.read');
  // Against this instance's latest checkpoint too: a cut-off tail or a rewritten head shows.
  return verifyChain(deps.db, { anchor: input.anchor, checkpoint: await latestConfiguredCheckpoint() });
}

export async function auditGrantTimeline(deps: ServiceDeps, ctx: ActorContext, grantId: string): Promise<GrantTimeline> {
  authorize(ctx, 'audit.read');
  const timeline = await grantTimeline(deps.db, grantId);
  if (!timeline) throw new AppError('not_found', 'No such grant.');
  return timeline;
}

export interface AuditExport {
  stream: ReadableStream<Uint8Array>;
  filename: string;
  contentType: string;
}

/**
 * Opens a streamed export of the filtered trail. Seals first, so every event committed before the
 * export carries its chain columns; records who exported what (exports copy evidence out of the portal).
 */
export async function openAuditExport(deps: ServiceDeps, ctx: ActorContext, input: { filters: AuditFilters; format: ExportFormat }): Promise<AuditExport> {
  authorize(ctx, 'audit.read');
  const { db, clock } = deps;
  const where = await resolveFilters(db, input.filters);
  await db.$transaction((tx) =>
    appendAudit(tx, { ...actorFields(ctx), action: 'audit.exported', data: { format: input.format, filters: JSON.parse(JSON.stringify(input.filters)) } }),
  );
  await sealPendingEvents(db, { wait: true });
  const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
  return {
    stream: await auditExportStream(db, where, input.format),
    filename: `timebox-audit-${stamp}.${input.format}`,
    contentType: input.format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson; charset=utf-8',
  };
}
