import { startTestIdp } from '@/lib/testing/test-idp';
import { testIdp } from './test-idp-settings';

// Started by Playwright as a webServer entry (playwright.config.ts), so it stops when Playwright ends.
const portalPort = Number(process.env.E2E_PORT ?? 3210);
const idp = await startTestIdp({
  port: testIdp.port,
  clientId: testIdp.clientId,
  clientSecret: testIdp.clientSecret,
  redirectUris: [`http://127.0.0.1:${portalPort}/api/auth/callback/oidc`],
  control: true,
});
console.log(`test IdP: ${idp.issuer}`);
const stop = () => void idp.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
