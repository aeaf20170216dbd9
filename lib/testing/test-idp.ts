import http from 'node:http';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { z } from 'zod';

// A real OpenID Connect provider for tests (npm oidc-provider, the certified implementation) on loopback:
// authorization code flow with PKCE, state and nonce checked for real, ID tokens signed with its (dev)
// keys. People sign in through its built-in development login form (devInteractions: any password); the
// consent step is skipped because the test client is first-party. Each account carries a `groups` claim.
//
// With `control: true` the same port also answers two test-only calls, so a test in another process can
// change what the IdP says: POST /_test/accounts (an account and its groups) and POST /_test/client-secret
// (the IdP's admin rotates the client secret; the portal still holds the old one).

export interface TestIdpAccount {
  /** What is typed in the IdP's login field; also the `sub`. */
  id: string;
  email: string;
  name: string;
  groups: string[];
  emailVerified?: boolean;
}

export interface TestIdpOptions {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  control?: boolean;
}

export interface TestIdp {
  issuer: string;
  setAccount(account: TestIdpAccount): void;
  setClientSecret(secret: string): void;
  stop(): Promise<void>;
}

const accountInput = z.object({
  id: z.string().min(1).max(200),
  email: z.email(),
  name: z.string().max(200),
  groups: z.array(z.string().max(200)).max(100),
  emailVerified: z.boolean().optional(),
});
const secretInput = z.object({ clientSecret: z.string().min(1).max(200) });

function providerFor(issuer: string, options: TestIdpOptions, clientSecret: string, accounts: ReadonlyMap<string, TestIdpAccount>): Provider {
  const configuration: Configuration = {
    clients: [{ client_id: options.clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    // Released with the scopes Timebox asks for; groups with `openid`, as Entra ID and Okta's groups claim filters do.
    claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
    // Timebox reads the person from the ID token, so the claims go there (not only to userinfo).
    conformIdTokenClaims: false,
    cookies: { keys: ['timebox-test-idp-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      if (!accounts.has(id)) return undefined;
      return {
        accountId: id,
        // Read at token time: a changed account shows at the next sign-in.
        async claims() {
          const account = accounts.get(id)!;
          return { sub: id, email: account.email, email_verified: account.emailVerified ?? true, name: account.name, groups: account.groups };
        },
      };
    },
    // First-party client: consent is given in advance, so the only interaction is the login form.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const clientId = ctx.oidc.client!.clientId;
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  };
  return new Provider(issuer, configuration);
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

/** Starts the provider on 127.0.0.1:`port`; its issuer is http://127.0.0.1:`port`. */
export async function startTestIdp(options: TestIdpOptions): Promise<TestIdp> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const accounts = new Map<string, TestIdpAccount>();
  let handler = providerFor(issuer, options, options.clientSecret, accounts).callback();
  const idp: Omit<TestIdp, 'stop'> = {
    issuer,
    setAccount: (account) => void accounts.set(account.id, account),
    // A new provider with the new client registration (sessions and grants live in the shared memory store).
    setClientSecret: (secret) => void (handler = providerFor(issuer, options, secret, accounts).callback()),
  };

  const control = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    try {
      const body = await readJson(request);
      if (request.url === '/_test/accounts') idp.setAccount(accountInput.parse(body));
      else if (request.url === '/_test/client-secret') idp.setClientSecret(secretInput.parse(body).clientSecret);
      else return void response.writeHead(404).end();
      response.writeHead(204).end();
    } catch (error) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : 'bad request');
    }
  };

  const server = http.createServer((request, response) => {
    if (options.control && request.method === 'POST' && request.url?.startsWith('/_test/')) return void control(request, response);
    void handler(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  return {
    ...idp,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
