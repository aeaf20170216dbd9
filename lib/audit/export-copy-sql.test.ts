import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Prisma } from '@/lib/db/generated/client';
import { MIGRATIONS_DIR } from '@/lib/db/migration-files';
import { inlineParameters, oddReportedAtQuery } from './export-copy-sql';

describe('inlineParameters', () => {
  it('writes text values as literals that keep quotes and backslashes literal', () => {
    const where = Prisma.sql`"actorLabel" = ${String.raw`o'brien\x`} AND "action" = ${'grant.expired'}`;
    expect(inlineParameters(where)).toBe(String.raw`"actorLabel" =  E'o''brien\\x' AND "action" = 'grant.expired'`);
  });

  it('refuses anything but text', () => {
    expect(() => inlineParameters(Prisma.sql`"seq" > ${5}`)).toThrow(/text parameters only/);
    expect(() => inlineParameters(Prisma.sql`"actorLabel" = ${'a\0b'}`)).toThrow(/text parameters only/);
  });
});

describe('oddReportedAtQuery', () => {
  it('names the partial index predicate word for word, so PostgreSQL can use the index', () => {
    const migration = fs.readFileSync(path.join(MIGRATIONS_DIR, '20261202180000_audit_odd_reported_at', 'migration.sql'), 'utf8');
    const predicate = /WHERE\s+("data" \? 'reportedAt' AND .*);/.exec(migration)![1]!;
    expect(oddReportedAtQuery(Prisma.sql`TRUE`).text).toContain(`AND ${predicate})`);
  });
});
