import { describe, expect, it } from 'vitest';
import { checkSource } from './check-server-actions';

describe('checkSource', () => {
  it('accepts actions built with authedAction', () => {
    const src = `'use server';\n\nimport { authedAction } from '@/lib/http/server-action';\nexport const approve = authedAction('approve', schema, async () => {});\nexport const deny = authedAction(\n  "deny",\n  schema,\n  async () => {},\n);\nexport type X = number;\n`;
    expect(checkSource('a.ts', src)).toEqual([]);
  });
  it('rejects an action without its name, or named after another export', () => {
    const src = `'use server';\nexport const approve = authedAction(schema, async () => {});\nexport const deny = authedAction('approve', schema, async () => {});\n`;
    expect(checkSource('a.ts', src)).toEqual([
      { file: 'a.ts', line: 2, text: 'export const approve = authedAction(schema, async () => {});' },
      { file: 'a.ts', line: 3, text: "action named 'approve' but exported as deny" },
    ]);
  });
  it('rejects any other export from a "use server" file', () => {
    const src = `"use server"\nexport async function approve() {}\nexport const deny = async () => {};\nexport default function x() {}\n`;
    expect(checkSource('a.ts', src).map((v) => v.line)).toEqual([2, 3, 4]);
  });
  it('rejects inline "use server" functions anywhere', () => {
    const src = `export function Page() {\n  async function act() {\n    'use server';\n  }\n}\n`;
    expect(checkSource('page.tsx', src)).toHaveLength(1);
  });
  it('ignores ordinary modules', () => {
    expect(checkSource('b.ts', `export async function helper() {}\n`)).toEqual([]);
  });
});
