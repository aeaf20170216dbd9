// The test OpenID provider the e2e tier starts (e2e/test-idp-server.ts, a Playwright webServer entry) and
// the portal is configured with (playwright.config.ts). Loopback only; nothing here is a real secret.
export const testIdp = {
  port: Number(process.env.E2E_IDP_PORT ?? 3299),
  clientId: 'timebox-e2e',
  clientSecret: 'e2e-client-secret-not-a-real-one',
  /** The label of the portal's SSO button: "Continue with Test IdP". */
  name: 'Test IdP',
  /** IdP groups that make a user auditor (TIMEBOX_AUDITOR_GROUPS) in the e2e portal. */
  auditorGroup: 'e2e-sso-auditors',
} as const;

export const testIdpIssuer = `http://127.0.0.1:${testIdp.port}`;
