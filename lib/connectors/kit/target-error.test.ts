import { describe, expect, it } from 'vitest';
import { ConnectorError } from './connector-error';
import { targetError } from './target-error';

const options = { system: 'demo', secrets: ['hunter2'], unreachableCodes: new Set(['ECONNREFUSED']), unreachableMessage: /timeout expired/ };

describe('targetError', () => {
  it('passes a ConnectorError through as it is', () => {
    const own = new ConnectorError('refusing to hand out a superuser');
    expect(targetError(own, options)).toBe(own);
  });

  it('keeps the first line, prefixed with the system, and hides secrets and URL passwords', () => {
    const error = targetError(new Error('boom hunter2 at demo://a:other-pw@h/db\nsecond line'), options);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.message).toBe('demo: boom *** at demo://a:***@h/db');
    expect(targetError(new Error('x'.repeat(1_000)), options).message).toHaveLength('demo: '.length + 300);
  });

  it('says "target unreachable" for network codes and messages, falling back to the code when there is no message', () => {
    expect(targetError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), options).message).toBe('target unreachable: connect ECONNREFUSED 127.0.0.1:1');
    expect(targetError(new Error('timeout expired'), options).message).toBe('target unreachable: timeout expired');
    expect(targetError(Object.assign(new Error(''), { code: 'ECONNREFUSED' }), options).message).toBe('target unreachable: ECONNREFUSED');
    expect(targetError('plain string', options).message).toBe('demo: plain string');
  });
});
