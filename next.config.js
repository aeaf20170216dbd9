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
  // Hashed static files skip proxy.ts (which sets the headers of everything else): the same static
  // headers here, so nothing is served without nosniff or frame protection.
  async headers() {
    return [
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
