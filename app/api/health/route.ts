import { NextResponse } from 'next/server';
import { log } from '@/lib/log';
import { checkHealth } from '@/lib/services/health';
import { getServiceDeps } from '@/lib/services/runtime';

export const dynamic = 'force-dynamic';

export async function GET() {
  let report;
  try {
    report = await checkHealth((await getServiceDeps()).db);
  } catch (error) {
    log.error({ err: error }, 'health: could not open the database');
    report = { status: 'degraded', database: 'unreachable' } as const;
  }
  return NextResponse.json(report, { status: report.database === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
