import { z } from 'zod';
import { parseSettings, settingsPath } from '../kit/parse-settings';

// What ssh-keygen -O can put in a user certificate. Agent and X11 forwarding and ~/.ssh/rc are
// left out by default: a bastion needs a terminal and port forwarding (ProxyJump), little else.
export const CERT_EXTENSIONS = ['permit-pty', 'permit-port-forwarding', 'permit-agent-forwarding', 'permit-X11-forwarding', 'permit-user-rc'] as const;
export const DEFAULT_EXTENSIONS: readonly (typeof CERT_EXTENSIONS)[number][] = ['permit-pty', 'permit-port-forwarding'];

// A principal is matched against AuthorizedPrincipalsFile lines; ssh-keygen -n splits on commas,
// so the character set is what keeps one principal from becoming two.
const principal = z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'must be 1–64 letters, digits, ".", "_", "@" or "-"');

/**
 * resource.settings of an `ssh` resource: none. Every host that trusts the CA (TIMEBOX_SSH_CA_KEY) is
 * covered and principals scope access, so anything here is a mistake worth telling the admin about.
 */
export const sshResourceSettingsSchema = z.strictObject({});

/** entitlement.settings of an `ssh` entitlement, e.g. { "principals": ["ops"] }. */
export const sshEntitlementSettingsSchema = z.object({
  principals: z.array(principal).min(1, 'must name at least one principal').max(32),
  extensions: z.array(z.enum(CERT_EXTENSIONS)).optional(),
});
export type SshEntitlementSettings = z.infer<typeof sshEntitlementSettingsSchema>;

/** Parses entitlement settings; bad ones throw a ConnectorError naming each bad setting (e.g. "settings.principals[0] …"). */
export function parseSshEntitlementSettings(settings: unknown, role: string): SshEntitlementSettings {
  return parseSettings(sshEntitlementSettingsSchema, settings, (issue) => `${settingsPath(issue.path)} ${issue.message}`, `ssh entitlement "${role}" is misconfigured: `);
}
