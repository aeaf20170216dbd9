/**
 * A message a connector wrote itself (a refusal, a bad setting, or a target's error already made short,
 * readable and free of secrets). It becomes a grant's failure reason or lastError as it is, so its
 * message must never hold a secret.
 */
export class ConnectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectorError';
  }
}
