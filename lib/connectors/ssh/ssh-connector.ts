import { type Clock, systemClock } from '@/lib/domain/clock';
import type { CertificateSigner, Connector, GrantTarget } from '../types';
import { type CaKeyOptions, loadCaKey } from './ca-key';
import { type IssuedSshCertificate, signUserCertificate } from './sign-certificate';
import { parseSshEntitlementSettings } from './ssh-settings';

export interface SshConnectorOptions {
  clock?: Clock;
  ca?: CaKeyOptions;
  /** Path of ssh-keygen, when it is not on PATH. */
  sshKeygen?: string;
}

/** A Connector and a CertificateSigner whose certificates also carry the key id and the key's fingerprint. */
export interface SshConnector extends Connector, CertificateSigner {
  signCertificate(target: GrantTarget, publicKey: string): Promise<IssuedSshCertificate>;
}

/**
 * `ssh` resources: Timebox is a user certificate authority that the hosts trust (TrustedUserCAKeys).
 * Nothing is created on the hosts. Access is a certificate the holder asks for during the grant
 * (signCertificate); it stops working by itself when the grant ends (its validity is the grant's
 * window: the second guard), and an early revoke is enforced by the KRL the hosts fetch (RevokedKeys).
 */
export function createSshConnector(options: SshConnectorOptions = {}): SshConnector {
  const clock = options.clock ?? systemClock;
  return {
    kind: 'ssh',
    // Nothing to create, but a grant whose certificates could never be signed should fail now, with the reason.
    async provision(target) {
      parseSshEntitlementSettings(target.entitlement.settings, target.entitlement.role);
      await loadCaKey(options.ca);
      return {};
    },
    // Nothing to remove on the hosts: certificates expire on their own, and the lead's KRL lists the
    // serials of grants revoked early. So this always succeeds and is trivially idempotent.
    async deprovision() {},
    async verify(target) {
      const now = clock.now().getTime();
      return target.startsAt.getTime() <= now && now < target.expiresAt.getTime();
    },
    // A certificate is a bearer credential that lives on the user's machine: the hosts hold no list of
    // who may log in, so there is nothing to read back. Spotting drift would need the hosts' sshd logs.
    async listActual() {
      return [];
    },
    signCertificate: (target, publicKey) => signUserCertificate(target, publicKey, { clock, ca: options.ca, sshKeygen: options.sshKeygen }),
  };
}

export const sshConnector = createSshConnector();
