import type { Db } from './client';

/**
 * What the role Timebox runs as could do to the audit trail beyond appending to it. The append-only
 * triggers refuse UPDATE, DELETE and TRUNCATE for every role, but the table's owner (and a superuser)
 * can `ALTER TABLE … DISABLE TRIGGER` and then delete events. So the runtime role must not own the
 * table: migrations run as another role (DATABASE_MIGRATION_URL), see docs/security.md.
 */
interface Privileges {
  superuser: boolean;
  owner: boolean;
  can_truncate: boolean;
  can_trigger: boolean;
}

const PRIVILEGES_SQL = `
  SELECT r.rolsuper AS superuser,
         pg_has_role(current_user, c.relowner, 'USAGE') AS owner,
         has_table_privilege(current_user, c.oid, 'TRUNCATE') AS can_truncate,
         has_table_privilege(current_user, c.oid, 'TRIGGER') AS can_trigger
    FROM pg_class c JOIN pg_roles r ON r.rolname = current_user
   WHERE c.oid = to_regclass('"AuditEvent"')`;

/** One sentence per way the current role can get around the append-only triggers; empty when it cannot. */
export async function auditTableRisks(db: Db): Promise<string[]> {
  const [p] = await db.$queryRawUnsafe<Privileges[]>(PRIVILEGES_SQL);
  if (!p) return [];
  const risks: string[] = [];
  if (p.superuser) risks.push('the database role Timebox runs as is a superuser: it can disable the audit table\'s append-only triggers and delete events');
  else if (p.owner) risks.push('the database role Timebox runs as owns the audit table: it can ALTER TABLE "AuditEvent" DISABLE TRIGGER and delete events (run migrations as another role, DATABASE_MIGRATION_URL)');
  if (!p.superuser && !p.owner && (p.can_truncate || p.can_trigger)) risks.push('the database role Timebox runs as holds TRUNCATE or TRIGGER on the audit table: grant it INSERT and SELECT only');
  return risks;
}
