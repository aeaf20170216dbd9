import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer boundaries of eslint.config.mjs, checked through ESLint itself: a later config block that
// re-declares one of their rules for the same files would silently replace them, and this notices.
// Sources are linted as if they lived at the given (non-existent) paths; nothing is written.

const root = fileURLToPath(new URL('..', import.meta.url));
let eslint: ESLint;
// Loading the config and warming the import resolver takes seconds (more on a busy machine): once, here.
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  await eslint.lintText('export {};\n', { filePath: `${root}lib/domain/warm-up.ts` });
}, 120_000);

async function ruleIdsFor(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}${filePath}` });
  return result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('layer boundaries', () => {
  it.each([
    ['app/ reading lib/db', 'app/boundary-probe/page.tsx', "import { getDb } from '@/lib/db/client';\nexport const x = getDb;\n"],
    ['components/ taking a Prisma type', 'components/boundary-probe.tsx', "import type { Db } from '../lib/db/client';\nexport type X = Db;\n"],
    ['lib/ importing app/', 'lib/services/boundary-probe.ts', "import { GET } from '@/app/api/health/route';\nexport const x = GET;\n"],
    ['lib/ importing components/', 'lib/http/boundary-probe.ts', "import { Forbidden } from '@/components/shell/forbidden';\nexport const x = Forbidden;\n"],
    ['lib/domain importing a service', 'lib/domain/boundary-probe.ts', "import { getServiceDeps } from '../services/runtime';\nexport const x = getServiceDeps;\n"],
  ])('fails %s', async (_, path, source) => {
    expect(await ruleIdsFor(path, source)).toEqual(['import/no-restricted-paths']);
  });

  it.each([
    ['a driver', "import { Pool } from 'pg';\nexport const x = Pool;\n"],
    ['the file system', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ['the framework', "import { headers } from 'next/headers';\nexport const x = headers;\n"],
  ])('keeps %s out of lib/domain', async (_, source) => {
    expect(await ruleIdsFor('lib/domain/boundary-probe.ts', source)).toEqual(['@typescript-eslint/no-restricted-imports']);
  });

  it.each([
    ['a page', 'app/boundary-probe/page.tsx'],
    ['a component', 'components/boundary-probe.tsx'],
  ])('keeps next/link (which prefetches) out of %s', async (_, path) => {
    expect(await ruleIdsFor(path, "import Link from 'next/link';\nexport const x = Link;\n")).toEqual(['no-restricted-imports']);
    expect(await ruleIdsFor(path, "import { AppLink } from '@/components/ui/app-link';\nexport const x = AppLink;\n")).toEqual([]);
  });

  it('lets lib/domain use node:crypto and zod, and app/ use services', async () => {
    expect(await ruleIdsFor('lib/domain/boundary-probe.ts', "import crypto from 'node:crypto';\nimport { z } from 'zod';\nexport const x = [crypto, z];\n")).toEqual([]);
    expect(await ruleIdsFor('app/boundary-probe/page.tsx', "import { getServiceDeps } from '@/lib/services/runtime';\nexport const x = getServiceDeps;\n")).toEqual([]);
  });
});
