import { formatMinutes } from './durations';

// What the request form offers before anything is typed: resources narrowed by a search, and
// durations one tap away. Pure, so the form and its tests agree on what matches.

export interface ResourceChoice {
  slug: string;
  name: string;
  description: string;
}

/** Case- and accent-insensitive words of a text, for matching what people type against names. */
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The resources whose name, slug or description contain every word of the query (in any order), in
 * their original order. A blank query keeps them all.
 */
export function filterResources<R extends ResourceChoice>(resources: readonly R[], query: string): R[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...resources];
  return resources.filter((r) => {
    const haystack = fold(`${r.name} ${r.slug} ${r.description}`);
    return words.every((w) => haystack.includes(w));
  });
}

export interface DurationPreset {
  minutes: number;
  label: string;
}

const COMMON_PRESETS = [15, 30, 60];

/** 15 min, 30 min, 1 h (those within the limit) and the longest the policy allows, labelled as such. */
export function durationPresets(maxMinutes: number): DurationPreset[] {
  if (!Number.isInteger(maxMinutes) || maxMinutes < 1) return [];
  const presets = COMMON_PRESETS.filter((m) => m < maxMinutes).map((minutes) => ({ minutes, label: formatMinutes(minutes) }));
  return [...presets, { minutes: maxMinutes, label: `${formatMinutes(maxMinutes)} (longest)` }];
}
