/** The e2e tier's own Next.js build folder, so it never clobbers the served build (.next). */
export const e2eDistDir = (env: NodeJS.ProcessEnv = process.env): string => env.E2E_DIST_DIR ?? '.next-e2e';
