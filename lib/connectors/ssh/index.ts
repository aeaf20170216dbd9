// What the rest of Timebox uses from the ssh connector: the registry entry, the CA for
// GET /api/v1/ssh/ca.pub, the KRL for GET /api/v1/ssh/krl and the key check for the certificate form.
export { createSshConnector, sshConnector, type SshConnector } from './ssh-connector';
export { caPublicKey, loadCaKey, CA_KEY_ENV, type CaKey, type CaKeyOptions } from './ca-key';
export { buildKrl } from './krl';
export { parseUserPublicKey } from './ssh-public-key';
export type { IssuedSshCertificate } from './sign-certificate';
