import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { checkHealth } from '@/lib/services/health';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

export async function GET() {
  let report;
  try {
    report = await checkHealth(await getDb());
  } catch (error) {
    log.error({ err: error }, 'health: could not open the database');
    report = { status: 'degraded', database: 'unreachable' } as const;
  }
  return NextResponse.json(report, { status: report.database === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
