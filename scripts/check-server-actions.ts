import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Every server action must go through lib/http/server-action.ts `authedAction` (session, zod, error mapping,
// logging), named after its own export so the log line of an unexpected error names the right action:
// `export const submitRequest = authedAction('submitRequest', schema, handler)`.
// This check fails any "use server" export written another way, and inline "use server" functions.

// Matched against the source from the export's line on, so the name may sit on the next line.
const ALLOWED_EXPORT = /^export const ([A-Za-z_$][\w$]*) = authedAction\(\s*(['"])([\w$]+)\2\s*,/;
const DIRECTIVE = /^\s*['"]use server['"];?\s*$/m;

export interface Violation {
  file: string;
  line: number;
  text: string;
}

export function checkSource(file: string, source: string): Violation[] {
  const lines = source.split('\n');
  const firstCode = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('//'));
  const isActionFile = firstCode >= 0 && DIRECTIVE.test(lines[firstCode]!);
  const violations: Violation[] = [];
  let offset = 0;
  lines.forEach((text, i) => {
    const start = offset;
    offset += text.length + 1;
    if (DIRECTIVE.test(text) && i !== firstCode) violations.push({ file, line: i + 1, text: 'inline "use server" (put actions in an actions.ts file using authedAction)' });
    if (!isActionFile || !/^export\b/.test(text) || /^export type\b|^export interface\b/.test(text)) return;
    const match = ALLOWED_EXPORT.exec(source.slice(start));
    if (!match) violations.push({ file, line: i + 1, text: text.trim() });
    else if (match[1] !== match[3]) violations.push({ file, line: i + 1, text: `action named '${match[3]}' but exported as ${match[1]}` });
  });
  return violations;
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'generated' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const files = ['app', 'components', 'lib'].flatMap((d) => sourceFiles(path.join(root, d)));
  const violations = files.flatMap((f) => checkSource(path.relative(root, f), fs.readFileSync(f, 'utf8')));
  for (const v of violations) console.error(`${v.file}:${v.line}: server action export must be \`export const x = authedAction('x', schema, handler)\`: ${v.text}`);
  console.log(violations.length ? `server actions: ${violations.length} violation(s)` : `server actions: ${files.length} files checked, every action goes through authedAction`);
  process.exit(violations.length ? 1 : 0);
}
