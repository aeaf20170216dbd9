// The headers of every non-page response (lib/http/security-headers.ts: securityHeaders without a nonce;
// a unit test holds the two equal). /api/v1 gets them here rather than from proxy.ts: the proxy costs an
// API call ~0.5 ms of server CPU (1.85 → 1.3 ms a check, bench api), and these never change per request.
// HSTS depends on NEXTAUTH_URL at run time, so the /api/v1 wrappers add it (withTransportSecurity).
export const NON_PAGE_HEADERS = [
  { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), display-capture=(), interest-cohort=()',
  },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native/WASM packages must load from node_modules at run time, not be bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg', 'pg-copy-streams', 'mysql2', 'pino'],
  poweredByHeader: false,
  // Next.js loads every route's modules at start unless told not to, and never unloads them: the routes an
  // instance never serves (SCIM, device sign-in, settings…) held memory from the first second. Off, each
  // route loads on its first request, which pays that load (a few hundred ms on a busy machine, measured on
  // /inbox); idle RSS after start fell ~256 → ~220 MB and after a working day's routes ~295 → ~259 MB
  // (bench `start`, idle_rss and idle_rss_after_routes).
  experimental: { preloadEntriesOnStart: false },
  // Tests and parallel builds use their own folder so they never clobber the served build.
  distDir: process.env.TIMEBOX_DIST_DIR || '.next',
  // `npm test` type-checks the whole project in a step of its own beside the e2e build, and tells the build
  // so: checking again inside it took ~49 s of a CPU both were short of. Every other build checks types.
  typescript: { ignoreBuildErrors: process.env.TIMEBOX_BUILD_TYPECHECKED === '1' },
  // Hashed static files and /api/v1 skip proxy.ts (which sets the headers of everything else): their
  // headers are here, so nothing is served without nosniff or frame protection. /api/v1's apply to Next's
  // own answers there too (an unknown path's 404, a method's 405).
  async headers() {
    return [
      { source: '/api/v1/:path*', headers: NON_PAGE_HEADERS },
      {
        source: '/_next/static/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
