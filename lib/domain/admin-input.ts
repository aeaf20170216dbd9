import { z } from 'zod';
import { MAX_DURATION_MINUTES } from './durations';
import { ticketMatches, ticketPatternProblem } from './ticket-pattern';
import { MAX_INPUT_DEPTH, nestedDeeperThan } from './nesting-depth';

// The shapes admins edit: resources, entitlements (roles) and their policies. One schema per form,
// used by the server action at the edge and again by the service (which REST or tests may call directly).
// Every schema accepts its own output, so parsing twice is harmless: form strings ("a, b", "60", "")
// are normalised here, and already-normalised values pass through unchanged.

export const resourceKinds = ['portal', 'postgres', 'mysql', 'ssh', 'webhook'] as const;
export type ResourceKindName = (typeof resourceKinds)[number];

export const PENDING_TTL_DEFAULT = 1440;
export const BREAK_GLASS_MAX_DEFAULT = 60;
/** Shortest justification a policy accepts unless an admin says otherwise (issue 10, item 15). */
export const JUSTIFICATION_MIN_DEFAULT = 10;

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

/** A whole number from a form string or a number; `fallback` fills an empty field. */
function wholeNumber(label: string, min: number, max: number, fallback?: number) {
  const number = z.coerce
    .number({ message: `Enter ${label} as a number` })
    .int(`Enter ${label} as a whole number`)
    .min(min, `${capitalise(label)} must be at least ${min}`)
    .max(max, `${capitalise(label)} must be at most ${max}`);
  if (fallback === undefined) return z.preprocess(emptyToUndefined, number);
  return z.preprocess(emptyToUndefined, number.optional()).transform((v) => v ?? fallback);
}

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const id = (what: string) => z.uuid({ message: `Not a valid ${what} id` });

const text = (max: number) => z.preprocess((v) => (v === undefined || v === null ? '' : trimmed(v)), z.string().max(max, `Keep it under ${max} characters`));

// A secret never belongs in settings (they are stored and audited in clear): only the NAME of the
// environment variable that holds it. Keys that smell of secrets must therefore hold such a name.
const secretKey = /(password|passwd|secret|token|private[_-]?key|api[_-]?key|credential)/i;
const envVarName = /^[A-Z][A-Z0-9_]*$/;

/** A URL with a password in it (postgresql://user:pw@host) is a secret whatever its key is called. */
function hasUrlPassword(value: string): boolean {
  return value.includes('://') && URL.canParse(value) && new URL(value).password !== '';
}

function findInlineSecret(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return hasUrlPassword(value) ? path.join('.') : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findInlineSecret(item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (secretKey.test(key) && typeof item === 'string' && !envVarName.test(item)) return [...path, key].join('.');
    const found = findInlineSecret(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** Connector settings: a JSON object, typed as text in the form or passed as an object by code. */
export const settingsInput = z
  .preprocess((v, ctx) => {
    if (v === undefined || v === null) return {};
    if (typeof v !== 'string') return v;
    if (v.trim() === '') return {};
    try {
      return JSON.parse(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Settings must be valid JSON, e.g. {"host": "db.internal"}' });
      return z.NEVER;
    }
  }, z.record(z.string(), z.unknown(), { message: 'Settings must be a JSON object ({ … }), not a list or a single value' }))
  .superRefine((settings, ctx) => {
    // Checked before anything walks it recursively (JSON.stringify overflows the stack some thousands of levels down).
    if (nestedDeeperThan(settings, MAX_INPUT_DEPTH)) {
      ctx.addIssue({ code: 'custom', message: `Settings must not nest more than ${MAX_INPUT_DEPTH} levels deep` });
      return;
    }
    if (JSON.stringify(settings).length > 20_000) ctx.addIssue({ code: 'custom', message: 'Settings must stay under 20,000 characters' });
    const secret = findInlineSecret(settings);
    if (secret) {
      ctx.addIssue({ code: 'custom', message: `"${secret}" looks like a secret: give the name of the environment variable that holds it (e.g. TARGET_PG_PASSWORD), never the value` });
    }
  });

export const slugInput = z.preprocess(
  trimmed,
  z
    .string({ message: 'Enter a slug' })
    .min(1, 'Enter a slug')
    .max(63, 'Keep the slug under 64 characters')
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single dashes, e.g. prod-db'),
);

export const roleInput = z.preprocess(
  trimmed,
  z
    .string({ message: 'Enter a role name' })
    .min(1, 'Enter a role name')
    .max(63, 'Keep the role name under 64 characters')
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use lowercase letters, digits, dashes and underscores, e.g. read-only'),
);

/** Group names, from "a, b" (form) or ["a", "b"] (code): trimmed, de-duplicated, empty entries dropped. */
const groupList = z.preprocess(
  (v) => {
    const items = typeof v === 'string' ? v.split(/[,\n]/) : Array.isArray(v) ? v : v === undefined || v === null ? [] : v;
    return Array.isArray(items) ? [...new Set(items.map(trimmed).filter((g) => g !== ''))] : items;
  },
  z.array(z.string().max(200, 'Keep group names under 200 characters')).max(50, 'List at most 50 groups'),
);

const flag = (fallback: boolean) =>
  z.preprocess((v) => (v === 'on' || v === 'true' ? true : v === 'false' || v === '' ? false : v), z.boolean({ message: 'Must be true or false' }).default(fallback));

// The yes/no switches of a policy: a form sends them as checkboxes (missing when unticked).
const policyFlags = {
  justificationRequired: flag(true),
  ticketRequired: flag(false),
  breakGlassAllowed: flag(false),
};

const policyShape = z.object({
  ...policyFlags,
  eligibleGroups: groupList,
  approverGroups: groupList,
  requiredApprovals: wholeNumber('the required approvals', 1, 100, 1),
  maxDurationMinutes: wholeNumber('the longest duration', 1, MAX_DURATION_MINUTES),
  ticketPattern: z
    .preprocess((v) => emptyToUndefined(trimmed(v)) ?? null, z.string().max(200, 'Keep the pattern under 200 characters').nullable())
    .superRefine((p, ctx) => {
      const problem = p === null ? null : ticketPatternProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  // What requesters are shown instead of the pattern (a regex means little to most people).
  ticketExample: z.preprocess((v) => emptyToUndefined(trimmed(v)) ?? null, z.string().max(100, 'Keep the example under 100 characters').nullable()),
  justificationMinLength: wholeNumber('the shortest justification', 1, 500, JUSTIFICATION_MIN_DEFAULT),
  autoApproveGroups: groupList,
  autoApproveMaxMinutes: z.preprocess(
    (v) => emptyToUndefined(v) ?? null,
    z.coerce.number({ message: 'Enter the auto-approve limit as a number' }).int('Enter a whole number of minutes').min(1, 'The auto-approve limit must be at least 1 minute').nullable(),
  ),
  pendingTtlMinutes: wholeNumber('the pending time-out', 5, 10_080, PENDING_TTL_DEFAULT),
  breakGlassMaxMinutes: wholeNumber('the break-glass maximum', 1, MAX_DURATION_MINUTES, BREAK_GLASS_MAX_DEFAULT),
  // Empty: every eligible group may break glass; otherwise only these (each must be eligible too).
  breakGlassGroups: groupList,
  // This role's Slack channel: the name of an env var holding its incoming-webhook URL (the URL is a secret,
  // so it lives in the environment like resource secrets). The services hold it to the TARGET_ prefix.
  slackChannelEnv: z.preprocess(
    (v) => emptyToUndefined(trimmed(v)) ?? null,
    z.string().max(100, 'Keep the variable name under 100 characters').regex(/^[A-Z][A-Z0-9_]*$/, 'Use an environment variable name, e.g. TARGET_SLACK_OPS').nullable(),
  ),
});

/** Every field of a policy, from its schema: the one list the form, the views and the audit record use. */
export const policyFieldNames = Object.keys(policyShape.shape) as (keyof z.infer<typeof policyShape>)[];
export const policyFlagNames = Object.keys(policyFlags) as (keyof typeof policyFlags)[];

/** Exactly the policy's fields of a row or view that has them (and maybe more). */
export function pickPolicyFields<P extends z.infer<typeof policyShape>>(p: P): z.infer<typeof policyShape> {
  return Object.fromEntries(policyFieldNames.map((name) => [name, p[name]])) as z.infer<typeof policyShape>;
}

/** Rules across fields, reported on the field an admin would change. */
function policyRules(p: z.infer<typeof policyShape>, ctx: z.RefinementCtx) {
  if (p.ticketRequired && p.ticketPattern === null) {
    ctx.addIssue({ code: 'custom', path: ['ticketPattern'], message: 'Give the pattern tickets must match when a ticket is required' });
  }
  if (p.ticketExample !== null && p.ticketPattern !== null && ticketPatternProblem(p.ticketPattern) === null && !ticketMatches(p.ticketPattern, p.ticketExample)) {
    ctx.addIssue({ code: 'custom', path: ['ticketExample'], message: `The example must match the ticket pattern ${p.ticketPattern}, or requesters are shown a format they cannot use` });
  }
  if (p.autoApproveMaxMinutes !== null && p.autoApproveMaxMinutes > p.maxDurationMinutes) {
    ctx.addIssue({ code: 'custom', path: ['autoApproveMaxMinutes'], message: `The auto-approve limit must not exceed the longest duration (${p.maxDurationMinutes} minutes)` });
  }
  // Checked only while break-glass is on: the untouched default (60) must not block a role whose longest duration is shorter.
  if (p.breakGlassAllowed && p.breakGlassMaxMinutes > p.maxDurationMinutes) {
    ctx.addIssue({ code: 'custom', path: ['breakGlassMaxMinutes'], message: `The break-glass maximum must not exceed the longest duration (${p.maxDurationMinutes} minutes)` });
  }
  const notEligible = p.breakGlassGroups.filter((g) => !p.eligibleGroups.includes(g));
  if (notEligible.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['breakGlassGroups'], message: `Break-glass groups must be eligible groups too (not eligible: ${notEligible.join(', ')}); break-glass never bypasses eligibility` });
  }
}

/** A policy as admins write it. */
export const policyInput = policyShape.strict().superRefine(policyRules);

export type PolicyInput = z.infer<typeof policyInput>;

export const createResourceInput = z
  .object({
    slug: slugInput,
    name: z.preprocess(trimmed, z.string({ message: 'Enter a name' }).min(1, 'Enter a name').max(100, 'Keep the name under 100 characters')),
    description: text(2_000),
    kind: z.enum(resourceKinds, { message: `Choose one of: ${resourceKinds.join(', ')}` }),
    settings: settingsInput,
  })
  .strict();
export type CreateResourceInput = z.infer<typeof createResourceInput>;

// Slug and kind are fixed once created: API clients, audit history and provisioned access refer to them.
export const updateResourceInput = z
  .object({
    resourceId: id('resource'),
    name: createResourceInput.shape.name.optional(),
    description: text(2_000).optional(),
    settings: settingsInput.optional(),
  })
  .strict();
export type UpdateResourceInput = z.infer<typeof updateResourceInput>;

export const archiveResourceInput = z.object({ resourceId: id('resource') }).strict();

export const createEntitlementInput = z
  .object({
    resourceId: id('resource'),
    role: roleInput,
    description: text(2_000),
    settings: settingsInput,
    policy: policyInput,
  })
  .strict();
export type CreateEntitlementInput = z.infer<typeof createEntitlementInput>;

// The role name is fixed once created, for the same reason as a resource slug.
export const updateEntitlementInput = z
  .object({
    entitlementId: id('role'),
    description: text(2_000).optional(),
    settings: settingsInput.optional(),
  })
  .strict();
export type UpdateEntitlementInput = z.infer<typeof updateEntitlementInput>;

export const archiveEntitlementInput = z.object({ entitlementId: id('role') }).strict();

/** The whole policy of one entitlement, flat like its form (replaces what was there; creates it when missing). */
export const upsertPolicyInput = policyShape.extend({ entitlementId: id('role') }).strict().superRefine(policyRules);
export type UpsertPolicyInput = z.infer<typeof upsertPolicyInput>;
