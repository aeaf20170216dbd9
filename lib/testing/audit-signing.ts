import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { overrideCheckpointFile } from '@/lib/audit/audit-checkpoints';
import { overrideAuditSigningKey } from '@/lib/audit/signing-key';

/** One fixed key for a test run: the template seeded in global setup and every worker sign alike. */
export const TEST_AUDIT_SIGNING_KEY = 'timebox-tests-audit-signing-key-not-a-secret';

/**
 * Signs this process's audit events with the test key (and child processes a test spawns, through the
 * environment), and, with `checkpoints`, gives it a checkpoint file of its own in a fresh temporary
 * directory: no test trail is ever compared with the developer's checkpoints, or another test's.
 */
export function signAuditForTests(options: { checkpoints?: boolean } = {}): void {
  process.env.AUDIT_SIGNING_KEY = TEST_AUDIT_SIGNING_KEY;
  overrideAuditSigningKey(TEST_AUDIT_SIGNING_KEY);
  if (options.checkpoints) overrideCheckpointFile(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-checkpoints-')), 'audit-checkpoints.jsonl'));
}
