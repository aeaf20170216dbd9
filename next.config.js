/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native/WASM packages must load from node_modules at run time, not be bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg', 'mysql2', 'pino'],
  poweredByHeader: false,
  // Tests and parallel builds use their own folder so they never clobber the served build.
  distDir: process.env.TIMEBOX_DIST_DIR || '.next',
};

export default nextConfig;
