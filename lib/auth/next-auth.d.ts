import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    userId?: string;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
  }
}
