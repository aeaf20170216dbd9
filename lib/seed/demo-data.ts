import type { PortalRole } from '@/lib/domain/permissions';

// The demo organisation. Later issues add resources here; the seed only ever adds what is missing.

export const demoGroups = [
  { name: 'engineering', description: 'Everyone who builds and runs the product' },
  { name: 'sre-leads', description: 'Approve production access' },
] as const;

export const demoUsers: { email: string; name: string; role: PortalRole; groups: string[] }[] = [
  { email: 'alice@example.com', name: 'Alice Adams', role: 'member', groups: ['engineering'] },
  { email: 'erin@example.com', name: 'Erin Evans', role: 'member', groups: ['engineering'] },
  { email: 'bob@example.com', name: 'Bob Brown', role: 'member', groups: ['sre-leads', 'engineering'] },
  { email: 'frank@example.com', name: 'Frank Fischer', role: 'member', groups: ['sre-leads', 'engineering'] },
  { email: 'carol@example.com', name: 'Carol Clark', role: 'admin', groups: [] },
  { email: 'dave@example.com', name: 'Dave Davis', role: 'auditor', groups: [] },
];

const defaults = {
  approverGroups: [] as string[],
  requiredApprovals: 1,
  justificationRequired: true,
  ticketRequired: false,
  ticketPattern: null as string | null,
  ticketExample: null as string | null,
  justificationMinLength: 10,
  autoApproveGroups: [] as string[],
  autoApproveMaxMinutes: null as number | null,
  pendingTtlMinutes: 1440,
};

export const demoResources = [
  {
    slug: 'feature-flags',
    name: 'Feature flag console',
    description: 'Production feature flags; other systems check access through the Timebox API.',
    kind: 'portal' as const,
    entitlements: [
      {
        role: 'editor',
        description: 'Change production feature flags',
        policy: { ...defaults, eligibleGroups: ['engineering'], approverGroups: ['sre-leads'], maxDurationMinutes: 120 },
      },
      {
        role: 'admin',
        description: 'Administer the flag console; auto-approved for engineers for up to an hour',
        policy: { ...defaults, eligibleGroups: ['engineering'], approverGroups: ['sre-leads'], maxDurationMinutes: 60, autoApproveGroups: ['engineering'], autoApproveMaxMinutes: 60 },
      },
    ],
  },
  {
    slug: 'status-page',
    name: 'Public status page',
    description: 'Post incident updates on the public status page.',
    kind: 'portal' as const,
    entitlements: [
      {
        role: 'editor',
        description: 'Publish incident updates',
        policy: { ...defaults, eligibleGroups: ['engineering'], approverGroups: ['sre-leads'], maxDurationMinutes: 120, ticketRequired: true, ticketPattern: '^[A-Z][A-Z0-9]+-[0-9]+$', ticketExample: 'OPS-123' },
      },
    ],
  },
  {
    slug: 'billing-console',
    name: 'Billing console',
    description: 'Customer billing operations; two SRE leads must agree.',
    kind: 'portal' as const,
    entitlements: [
      {
        role: 'operator',
        description: 'Issue refunds and change plans',
        policy: { ...defaults, eligibleGroups: ['engineering'], approverGroups: ['sre-leads'], requiredApprovals: 2, maxDurationMinutes: 30 },
      },
    ],
  },
  {
    slug: 'prod-postgres',
    name: 'Production PostgreSQL',
    description: 'The production database. Timebox creates a login role per grant that ends by itself.',
    kind: 'postgres' as const,
    settings: { adminUrlEnv: 'TARGET_PG_URL', defaultAdminUrl: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    entitlements: [
      {
        role: 'read-only',
        description: 'Read every table (pg_read_all_data)',
        settings: { roles: ['pg_read_all_data'] },
        policy: { ...defaults, eligibleGroups: ['engineering'], approverGroups: ['sre-leads'], maxDurationMinutes: 240, autoApproveGroups: ['engineering'], autoApproveMaxMinutes: 240 },
      },
      {
        role: 'read-write',
        description: 'Read and write every table',
        settings: { roles: ['pg_read_all_data', 'pg_write_all_data'] },
        // The one role a newcomer can break glass on (issue 9): at once, for at most 30 minutes, reviewed afterwards.
        policy: {
          ...defaults,
          eligibleGroups: ['engineering'],
          approverGroups: ['sre-leads'],
          maxDurationMinutes: 60,
          ticketRequired: true,
          ticketPattern: '^[A-Z][A-Z0-9]+-[0-9]+$',
          breakGlassAllowed: true,
          breakGlassMaxMinutes: 30,
          breakGlassGroups: ['engineering'],
          ticketExample: 'OPS-123',
        },
      },
    ],
  },
  {
    slug: 'payments-mariadb',
    name: 'Payments MariaDB',
    description: 'The payments database. A user per grant, dropped at the end.',
    kind: 'mysql' as const,
    settings: { adminUrlEnv: 'TARGET_MYSQL_URL', defaultAdminUrl: 'mysql://root@127.0.0.1:3306/test' },
    entitlements: [
      {
        role: 'read-only',
        description: 'SELECT on the payments database',
        settings: { privileges: ['SELECT'], on: 'test.*' },
        policy: { ...defaults, eligibleGroups: ['engineering'], approverGroups: ['sre-leads'], maxDurationMinutes: 60, autoApproveGroups: ['engineering'], autoApproveMaxMinutes: 60 },
      },
    ],
  },
  {
    slug: 'bastion-ssh',
    name: 'Bastion host',
    description: 'SSH into the bastion with a short-lived certificate signed by Timebox.',
    kind: 'ssh' as const,
    settings: {},
    entitlements: [
      {
        role: 'login',
        description: 'Log in as ops',
        settings: { principals: ['ops'] },
        policy: { ...defaults, eligibleGroups: ['engineering'], approverGroups: ['sre-leads'], maxDurationMinutes: 30 },
      },
    ],
  },
  {
    slug: 'deploy-pipeline',
    name: 'Deploy pipeline',
    description: 'Production deploys; the pipeline is told by a signed webhook when access starts and ends.',
    kind: 'webhook' as const,
    settings: { urlEnv: 'TARGET_DEPLOY_WEBHOOK_URL', secretEnv: 'TARGET_DEPLOY_WEBHOOK_SECRET' },
    entitlements: [
      {
        role: 'deployer',
        description: 'Trigger production deploys',
        settings: {},
        policy: { ...defaults, eligibleGroups: ['engineering'], approverGroups: ['sre-leads'], maxDurationMinutes: 30, autoApproveGroups: ['engineering'], autoApproveMaxMinutes: 30 },
      },
    ],
  },
];
