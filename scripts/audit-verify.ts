// `npm run audit:verify [-- --anchor <chainIndex>:<hash>] [-- --checkpoint-file <path>] [-- --json]`: seals
// what is committed, walks the audit hash chain checking every hash and MAC, compares it with the latest
// signed checkpoint, and prints one line per finding with the event it concerns. Exit 0 when intact,
// 1 on any finding (or on error).
import { parseArgs } from 'node:util';
import { readLatestCheckpoint } from '@/lib/audit/checkpoint';
import { verifyChain, type Finding, type VerifyResult } from '@/lib/audit/verify';
import { parseConfig } from '@/lib/config/env';
import { connectDatabase, targetFromConfig } from '@/lib/db/client';
import { assertPostgresReachable } from '@/lib/db/reachability';
import { runCli } from './cli';

const explain: Record<Finding['reason'], string> = {
  'hash-mismatch': 'bad hash: its content or position no longer matches its hash (changed)',
  gap: 'broken link: an event before it is missing (removed)',
  'prev-hash-mismatch': 'broken link: it does not link to the event before it (inserted or replaced)',
  forged: 'chain columns not written by the sealer',
  'anchor-mismatch': 'differs from the head recorded outside the database (chain rewritten)',
  'mac-missing': 'no MAC: inserted behind the application',
  'mac-mismatch': 'bad MAC: written without the signing key, or changed before sealing',
  'seal-mac-missing': 'no seal MAC: sealed without the signing key',
  'seal-mac-mismatch': 'bad seal MAC: the chain was recomputed without the signing key',
  'search-text-mismatch': 'searchText does not match its data (the text filter would lie)',
  backdated: 'backdated time: dated well before events inserted earlier',
  truncated: 'truncated tail: the latest checkpoint recorded this event, the chain now ends before it',
  'checkpoint-invalid': 'the latest checkpoint is not genuine (bad MAC or unreadable line)',
};

function describe(finding: Finding): string {
  const where = [finding.chainIndex !== null ? `event #${finding.chainIndex}` : null, finding.seq !== null ? `seq ${finding.seq}` : null, finding.id].filter(Boolean).join(', ');
  return `${finding.reason}${where ? ` at ${where}` : ''}: ${explain[finding.reason]}`;
}

function summary(result: VerifyResult): string {
  const against = result.checkpoint ? `; checkpoint #${result.checkpoint.chainIndex} of ${result.checkpoint.at}` : '; no checkpoint to compare with';
  const legacy = result.legacy > 0 ? `; ${result.legacy} sealed before signing began (chained, not signed)` : '';
  if (result.ok) return `audit:verify: intact: ${result.checked} events${result.head ? `, head #${result.head.chainIndex} ${result.head.hash}` : ''}${legacy}${against}`;
  return `audit:verify: TAMPERED: ${result.findings.length} finding(s); ${result.checked} events intact before the first${legacy}${against}`;
}

runCli('audit:verify', async () => {
  const { values } = parseArgs({ options: { anchor: { type: 'string' }, 'checkpoint-file': { type: 'string' }, json: { type: 'boolean' } } });
  let anchor;
  if (values.anchor !== undefined) {
    const match = /^(\d{1,19}):([0-9a-f]{64})$/.exec(values.anchor);
    if (!match) throw new Error('--anchor must be <chainIndex>:<hash>, as an earlier verify printed its head');
    anchor = { chainIndex: BigInt(match[1]!), hash: match[2]! };
  }
  const config = parseConfig();
  if (config.DATABASE_URL) await assertPostgresReachable(config.DATABASE_URL);
  const checkpoint = await readLatestCheckpoint(values['checkpoint-file'] ?? config.auditCheckpointFile);
  const database = await connectDatabase(targetFromConfig(config));
  try {
    const result = await verifyChain(database.db, { anchor, checkpoint });
    if (values.json) {
      console.log(JSON.stringify(result));
    } else {
      for (const finding of result.findings) console.log(describe(finding));
      console.log(summary(result));
    }
    return result.ok ? 0 : 1;
  } finally {
    await database.close();
  }
});
