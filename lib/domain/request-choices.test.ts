import { describe, expect, it } from 'vitest';
import { durationPresets, filterResources } from './request-choices';

const resources = [
  { slug: 'feature-flags', name: 'Feature flag console', description: 'Production feature flags' },
  { slug: 'orders-db', name: 'Orders database', description: 'PostgreSQL for the shop' },
  { slug: 'bastion', name: 'SSH bastion', description: 'Jump host into the private network' },
  { slug: 'cafe', name: 'Café menu', description: '' },
];

describe('filterResources', () => {
  it('keeps every resource for a blank query', () => {
    expect(filterResources(resources, '  ')).toEqual(resources);
  });

  it('matches the name, the slug or the description, ignoring case', () => {
    expect(filterResources(resources, 'ORDERS').map((r) => r.slug)).toEqual(['orders-db']);
    expect(filterResources(resources, 'flags').map((r) => r.slug)).toEqual(['feature-flags']);
    expect(filterResources(resources, 'jump host').map((r) => r.slug)).toEqual(['bastion']);
    expect(filterResources(resources, 'postgresql').map((r) => r.slug)).toEqual(['orders-db']);
  });

  it('needs every word, in any order, and ignores accents', () => {
    expect(filterResources(resources, 'network ssh').map((r) => r.slug)).toEqual(['bastion']);
    expect(filterResources(resources, 'ssh shop')).toEqual([]);
    expect(filterResources(resources, 'cafe').map((r) => r.slug)).toEqual(['cafe']);
  });
});

describe('durationPresets', () => {
  it('offers 15 min, 30 min, 1 h and the longest allowed', () => {
    expect(durationPresets(120)).toEqual([
      { minutes: 15, label: '15 min' },
      { minutes: 30, label: '30 min' },
      { minutes: 60, label: '1 h' },
      { minutes: 120, label: '2 h (longest)' },
    ]);
  });

  it('drops presets longer than the limit and never repeats the limit', () => {
    expect(durationPresets(60).map((p) => p.minutes)).toEqual([15, 30, 60]);
    expect(durationPresets(20).map((p) => p.minutes)).toEqual([15, 20]);
    expect(durationPresets(10)).toEqual([{ minutes: 10, label: '10 min (longest)' }]);
  });

  it('offers nothing for a limit that is not a positive whole number', () => {
    expect(durationPresets(0)).toEqual([]);
    expect(durationPresets(Number.NaN)).toEqual([]);
  });
});
