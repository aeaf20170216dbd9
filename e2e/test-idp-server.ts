import { startTestIdp } from '@/lib/testing/test-idp';
import { portalOrigins } from './portal-servers';
import { testIdp } from './test-idp-settings';

// Started by Playwright as a webServer entry (playwright.config.ts), so it stops when Playwright ends.
const idp = await startTestIdp({
  port: testIdp.port,
  clientId: testIdp.clientId,
  clientSecret: testIdp.clientSecret,
  // Every portal server of the run signs people in through this one IdP.
  redirectUris: portalOrigins().map((origin) => `${origin}/api/auth/callback/oidc`),
  control: true,
});
console.log(`test IdP: ${idp.issuer}`);
const stop = () => void idp.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
