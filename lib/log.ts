import pino from 'pino';

// One structured logger for the server and scripts. Secrets never go in here: log ids, not payloads.
export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { app: 'timebox' },
  redact: { paths: ['*.password', '*.secret', '*.token', '*.authorization', 'headers.authorization', 'headers.cookie'], censor: '[redacted]' },
});
