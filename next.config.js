/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native/WASM packages must load from node_modules at run time, not be bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg', 'pg-copy-streams', 'mysql2', 'pino'],
  poweredByHeader: false,
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
