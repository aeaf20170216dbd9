import { ConnectorError } from './connector-error';

export interface TargetErrorOptions {
  /** Prefix of every other message: which kind of target answered (`postgres`, `mysql`). */
  system: string;
  /** Values that must never reach a message (the admin password). */
  secrets: readonly string[];
  /** Driver codes meaning the target is not there right now (network down, server stopping). */
  unreachableCodes: ReadonlySet<string>;
  /** Messages that mean the same when the driver sets no code (e.g. pg's connection timeout). */
  unreachableMessage?: RegExp;
}

/**
 * Turns whatever a driver threw into a ConnectorError whose message is one short line without secrets:
 * `target unreachable: …` when retrying later may work, else `<system>: …`. A ConnectorError passes as is.
 */
export function targetError(error: unknown, options: TargetErrorOptions): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const e = error as { code?: string; message?: string } | undefined;
  let message = (e?.message || e?.code || String(error)).split('\n')[0]!.slice(0, 300);
  for (const secret of options.secrets) if (secret) message = message.split(secret).join('***');
  // Belt and braces: no driver message we know of echoes a URL, but a password must never reach a log or a page.
  message = message.replace(/(\/\/[^:/@\s]+:)[^@\s]+@/g, '$1***@');
  const unreachable = (e?.code !== undefined && options.unreachableCodes.has(e.code)) || (options.unreachableMessage?.test(message) ?? false);
  return new ConnectorError(unreachable ? `target unreachable: ${message}` : `${options.system}: ${message}`);
}
