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
        policy: {
          eligibleGroups: ['engineering'],
          approverGroups: ['sre-leads'],
          requiredApprovals: 1,
          maxDurationMinutes: 120,
          justificationRequired: true,
          ticketRequired: false,
          autoApproveGroups: [] as string[],
          pendingTtlMinutes: 1440,
        },
      },
    ],
  },
];
