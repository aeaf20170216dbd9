import { describe, expect, it } from 'vitest';
import { approvalProgressText } from './approval-progress';

describe('approvalProgressText', () => {
  it.each([
    [{ approved: 1, required: 2, approverGroups: ['sre-leads'] }, '1 of 2 approvals — needs 1 more from sre-leads'],
    [{ approved: 0, required: 1, approverGroups: ['sre-leads', 'security'] }, '0 of 1 approval — needs 1 more from sre-leads or security'],
    [{ approved: 0, required: 3, approverGroups: [] }, '0 of 3 approvals — needs 3 more'],
    [{ approved: 2, required: 2, approverGroups: ['sre-leads'] }, '2 of 2 approvals'],
  ])('%o → %s', (progress, text) => expect(approvalProgressText(progress)).toBe(text));
});
