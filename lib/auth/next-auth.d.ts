import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    userId?: string;
    /** The user's session version when this session was issued (lib/auth/session-claims.ts). */
    sessionVersion?: number;
    /** Sign-in time, epoch seconds: bounds the session whatever next-auth's sliding expiry does. */
    signedInAt?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    sv?: number;
    sat?: number;
  }
}
