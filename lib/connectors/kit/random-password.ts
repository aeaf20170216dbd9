import { randomBytes } from 'node:crypto';

/** 192 random bits, URL-safe (no quoting surprises in connection URLs or shells). */
export const randomPassword = () => randomBytes(24).toString('base64url');
