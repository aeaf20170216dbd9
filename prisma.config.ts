// Only used by the Prisma CLI (`prisma generate`). Migrations run through lib/db/migrate, offline.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
