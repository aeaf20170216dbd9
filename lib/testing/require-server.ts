/**
 * For tests that need a real server this machine may lack: returns whether to run, printing why not.
 * On CI (CI=true) a missing server is a failure, never a silent skip.
 */
export function requireServer(name: string, value: string | undefined): value is string {
  if (value) return true;
  if (process.env.CI) throw new Error(`${name} is required on CI`);
  console.warn(`skipping: ${name} is not set, so no real server to test against`);
  return false;
}
