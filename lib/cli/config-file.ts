import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CliError, ExitCode } from './exit-codes';

// ~/.config/timebox/config.json (or $XDG_CONFIG_HOME/timebox, or $TIMEBOX_CONFIG_DIR for tests): the
// server's URL and the token. The token is a secret, so the file is 0600 in a 0700 directory.

const storedConfig = z.object({
  url: z.string(),
  token: z.string().optional(),
  user: z.string().optional(),
  expiresAt: z.string().nullable().optional(),
});

export type StoredConfig = z.infer<typeof storedConfig>;

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TIMEBOX_CONFIG_DIR) return env.TIMEBOX_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'timebox');
}

export const configPath = (env: NodeJS.ProcessEnv = process.env) => path.join(configDir(env), 'config.json');

export async function readConfig(env: NodeJS.ProcessEnv = process.env): Promise<StoredConfig | null> {
  let text: string;
  try {
    text = await readFile(configPath(env), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return storedConfig.parse(JSON.parse(text));
  } catch {
    throw new CliError(`${configPath(env)} is not a timebox config file; remove it and run \`timebox login\`.`, ExitCode.failed);
  }
}

export async function writeConfig(config: StoredConfig, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const dir = configDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = configPath(env);
  // Written with 0600 from the start (mode applies on creation), and chmod-ed for a file that existed before.
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

export async function deleteConfig(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await rm(configPath(env), { force: true });
}
