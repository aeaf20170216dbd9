import type { AuthOptions } from 'next-auth';
import type { Provider } from 'next-auth/providers/index';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getConfig, type AppConfig } from '@/lib/config/env';
import { getDb } from '@/lib/db/client';
import { endSessionOnSignOut, oidcUserId, sessionVersionOf } from '@/lib/services/identity/sessions';
import { addressKey, rateLimitsFor } from '@/lib/http/rate-limit';
import { clientIp } from '@/lib/http/client-address';
import { safeCallbackPath } from '@/lib/domain/safe-redirect';
import { getServiceDeps } from '@/lib/services/runtime';
import { findDevLoginUser, OidcSignInRefused, upsertOidcUser } from '@/lib/services/users';
import { log } from '@/lib/log';
import { resolveAuthSecret } from './secret';

const devLoginInput = z.object({ email: z.email() });

function groupsFromClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/[,\s]+/).filter(Boolean);
  return [];
}

/** The issuer the ID token names (openid-client has checked it against the configured one). */
function oidcIssuerOf(claims: Record<string, unknown>, config: AppConfig): string {
  return typeof claims.iss === 'string' ? claims.iss : config.oidc!.issuer;
}

function oidcProvider(oidc: NonNullable<AppConfig['oidc']>): Provider {
  return {
    id: 'oidc',
    name: oidc.name,
    type: 'oauth',
    wellKnown: `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    profile(profile: Record<string, unknown>) {
      return { id: String(profile.sub), email: String(profile.email ?? ''), name: String(profile.name ?? profile.email ?? '') };
    },
  };
}

function devLoginProvider(): Provider {
  return CredentialsProvider({
    id: 'dev-login',
    name: 'Demo sign-in',
    credentials: { email: { label: 'Email', type: 'email' } },
    async authorize(credentials, req) {
      const db = await getDb();
      const headers = new Headers();
      for (const [name, value] of Object.entries(req?.headers ?? {})) if (typeof value === 'string') headers.set(name, value);
      const ip = clientIp(headers);
      const parsed = devLoginInput.safeParse({ email: credentials?.email?.trim() });
      const user = parsed.success ? await findDevLoginUser(db, parsed.data.email) : null;
      if (user) return { id: user.id, email: user.email, name: user.name };
      // Each failure counts against the address (the route refuses it with 429 once over the limit); the
      // answer is the same whether or not a user with that e-mail exists outside the demo set.
      await rateLimitsFor(db).hit('signInFailure', addressKey(ip), { ip, userAgent: headers.get('user-agent') });
      return null;
    },
  });
}

let cached: AuthOptions | undefined;

/** The server's options, built once from its configuration. */
export function getAuthOptions(): AuthOptions {
  cached ??= authOptionsFor(getConfig());
  return cached;
}

/** next-auth's options for a configuration (tests build them for a deliberately wrong one). */
export function authOptionsFor(config: AppConfig): AuthOptions {
  const providers: Provider[] = [];
  if (config.oidc) providers.push(oidcProvider(config.oidc));
  if (config.devLogin) providers.push(devLoginProvider());

  return {
    secret: resolveAuthSecret(config),
    providers,
    // The cookie's own lifetime; the session is also bounded from sign-in and by the session version
    // on every request (lib/auth/session-claims.ts).
    session: { strategy: 'jwt', maxAge: config.AUTH_SESSION_MAX_AGE },
    pages: { signIn: '/login', error: '/login' },
    logger: {
      error: (code, metadata) => log.error({ code, metadata }, 'next-auth error'),
      warn: (code) => log.warn({ code }, 'next-auth warning'),
      debug: () => {},
    },
    callbacks: {
      // next-auth's default accepts any `${baseUrl}${url}` for a relative url, so `/\t/evil.example`
      // reached it intact; every return address goes through the one same-origin check instead.
      redirect({ url, baseUrl }) {
        const relative = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || '/' : url;
        return `${baseUrl}${safeCallbackPath(relative)}`;
      },
      async signIn({ account, profile }) {
        if (account?.provider !== 'oidc') return true;
        const claims = (profile ?? {}) as Record<string, unknown>;
        try {
          // Matching and mirroring happen here, so a refusal can name its reason on the login page.
          await upsertOidcUser(
            await getServiceDeps(),
            {
              issuer: oidcIssuerOf(claims, config),
              subject: String(claims.sub),
              email: typeof claims.email === 'string' ? claims.email : '',
              emailVerified: claims.email_verified,
              name: typeof claims.name === 'string' ? claims.name : null,
              groups: groupsFromClaim(claims[config.OIDC_GROUPS_CLAIM]),
            },
            { allowUnverifiedEmail: config.OIDC_ALLOW_UNVERIFIED_EMAIL ?? false },
          );
          return true;
        } catch (error) {
          if (error instanceof OidcSignInRefused) {
            log.warn({ reason: error.reason }, 'OIDC sign-in refused');
            return `/login?error=${error.reason}`;
          }
          throw error;
        }
      },
      async jwt({ token, user, account, profile }) {
        // On sign-in only: pin the token to our user id (signIn above created or linked it). Everything
        // else is read fresh per request.
        if (account?.provider === 'oidc' && profile) {
          const claims = profile as Record<string, unknown>;
          token.uid = await oidcUserId(await getDb(), oidcIssuerOf(claims, config), String(claims.sub));
        } else if (user) {
          token.uid = user.id;
        }
        if (account && typeof token.uid === 'string') {
          // Signing in: the session is issued under the user's current version, and its age counts from now.
          const version = await sessionVersionOf(await getDb(), token.uid);
          if (version === null) throw new Error('user may not sign in');
          token.sv = version;
          token.sat = Math.floor(Date.now() / 1000);
        }
        return token;
      },
      async session({ session, token }) {
        return {
          ...session,
          userId: typeof token.uid === 'string' ? token.uid : undefined,
          sessionVersion: typeof token.sv === 'number' ? token.sv : undefined,
          signedInAt: typeof token.sat === 'number' ? token.sat : undefined,
        };
      },
    },
    events: {
      // Clearing the cookie is not enough: a copy of it would live on. Move the version on.
      async signOut({ token }) {
        if (typeof token?.uid === 'string' && typeof token.sv === 'number') {
          await endSessionOnSignOut(await getDb(), { userId: token.uid, sessionVersion: token.sv });
        }
      },
    },
  };
}
