import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from './connector-error';
import { parseSettings, settingsPath } from './parse-settings';

const schema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().max(65_535),
  roles: z.array(z.string().regex(/^[a-z]+$/, 'must be lower-case letters')).optional(),
});

const problemOf = (fn: () => unknown): ConnectorError => {
  try {
    fn();
  } catch (error) {
    return error as ConnectorError;
  }
  throw new Error('expected the settings to be refused');
};

describe('parseSettings', () => {
  it('returns the parsed settings when they are fine', () => {
    expect(parseSettings(schema, { host: 'db', port: 5432 }, 'demo resource')).toEqual({ host: 'db', port: 5432 });
  });

  it('names the one bad setting the way users have always seen it', () => {
    const error = problemOf(() => parseSettings(schema, { host: 'db', port: 70_000 }, 'demo resource'));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.message).toBe('invalid demo resource setting "port": Too big: expected number to be <=65535');
    expect(problemOf(() => parseSettings(schema, { host: 'db', port: 1, hots: 'x' }, 'demo resource')).message).toBe('unknown demo resource setting "hots"');
    expect(problemOf(() => parseSettings(schema, 'not an object', 'demo resource')).message).toMatch(/^invalid demo resource setting "\(settings\)": /);
  });

  it('explains every problem at once, each naming its setting', () => {
    const { message } = problemOf(() => parseSettings(schema, { port: 'x', roles: ['ok', 'NOPE'], extra: 1, more: 2 }, 'demo resource'));
    const problems = message.split('; ');
    expect(problems).toHaveLength(4);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^invalid demo resource setting "host": /),
        expect.stringMatching(/^invalid demo resource setting "port": /),
        'invalid demo resource setting "roles.1": must be lower-case letters',
        'unknown demo resource setting "extra", "more"',
      ]),
    );
  });

  it('takes a connector\'s own wording and prefix, and puts the prefix in front once', () => {
    const describeIssue = (issue: z.core.$ZodIssue) => `${settingsPath(issue.path)} ${issue.message}`;
    const { message } = problemOf(() => parseSettings(schema.partial(), { port: 1.5, roles: ['A'] }, describeIssue, 'demo "x" is misconfigured: '));
    expect(message).toBe('demo "x" is misconfigured: settings.port Invalid input: expected int, received number; settings.roles[0] must be lower-case letters');
  });

  it('refuses a setting naming an env var outside TARGET_, whatever the connector\'s schema says', () => {
    const loose = z.object({ adminUrlEnv: z.string(), nested: z.object({ secretEnv: z.string() }).optional() });
    expect(parseSettings(loose, { adminUrlEnv: 'TARGET_PG_URL' }, 'demo resource')).toEqual({ adminUrlEnv: 'TARGET_PG_URL' });
    const { message } = problemOf(() => parseSettings(loose, { adminUrlEnv: 'DATABASE_URL', nested: { secretEnv: 'AUTH_SECRET' } }, 'demo resource'));
    expect(message.split('; ')).toEqual([
      expect.stringMatching(/^invalid demo resource setting "adminUrlEnv": must be an environment variable name starting with TARGET_/),
      expect.stringMatching(/^invalid demo resource setting "nested.secretEnv": must be an environment variable name starting with TARGET_/),
    ]);
  });

  it('never echoes a value, only where it is and what is wrong', () => {
    const { message } = problemOf(() => parseSettings(z.strictObject({ token: z.number() }), { token: 'hunter2-secret' }, 'demo resource'));
    expect(message).not.toContain('hunter2');
  });
});
