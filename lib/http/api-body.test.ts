import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { isJsonContentType, MAX_BODY_BYTES, parseJsonObject, queryObject, readBodyText } from './api-body';
import { HttpError } from './api-errors';

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://test/x', { method: 'POST', body, headers });

/** The status and code an error would answer with. */
function outcome(fn: () => unknown): { status: number; code: string } | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof HttpError || error instanceof AppError) return { status: error.status, code: error.code };
    throw error;
  }
}
async function outcomeAsync(promise: Promise<unknown>) {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof HttpError || error instanceof AppError) return { status: error.status, code: error.code };
    throw error;
  }
}

describe('readBodyText', () => {
  it('reads UTF-8 text and strips a BOM', async () => {
    expect(await readBodyText(post('\uFEFF{"a":"ä😀"}'))).toBe('{"a":"ä😀"}');
    expect(await readBodyText(new Request('http://test/x'))).toBe('');
  });
  it('accepts exactly the limit and refuses one byte more, streamed', async () => {
    expect(await readBodyText(post('x'.repeat(MAX_BODY_BYTES)))).toHaveLength(MAX_BODY_BYTES);
    expect(await outcomeAsync(readBodyText(post('x'.repeat(MAX_BODY_BYTES + 1))))).toEqual({ status: 413, code: 'payload_too_large' });
    const stream = new ReadableStream({
      pull(controller) {
        controller.enqueue(new Uint8Array(16 * 1024)); // endless: must stop at the limit, not run out of memory
      },
    });
    const endless = new Request('http://test/x', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(await outcomeAsync(readBodyText(endless))).toEqual({ status: 413, code: 'payload_too_large' });
  });
  it('trusts a large Content-Length enough to refuse without reading', async () => {
    expect(await outcomeAsync(readBodyText(post('{}', { 'content-length': String(MAX_BODY_BYTES + 1) })))).toEqual({ status: 413, code: 'payload_too_large' });
  });
  it('refuses invalid UTF-8 with 400', async () => {
    for (const bytes of [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) {
      expect(await outcomeAsync(readBodyText(post(new Uint8Array([0x7b, ...bytes, 0x7d]))))).toEqual({ status: 400, code: 'bad_request' });
    }
  });
});

describe('parseJsonObject', () => {
  const json = 'application/json';
  it('reads a JSON object, and an empty body as {}', () => {
    expect(parseJsonObject('{"comment":"ok"}', json)).toEqual({ comment: 'ok' });
    expect(parseJsonObject('', null)).toEqual({});
    expect(parseJsonObject(' \n', 'text/plain')).toEqual({});
  });
  it.each([
    ['{"a":', json, 400],
    ['[1]', json, 400],
    ['null', json, 400],
    ['"text"', json, 400],
    ['42', json, 400],
    ['{"a":"x\\u0000y"}', json, 400],
    ['{"a\\u0000":1}', json, 400],
    ['{"a":["\\u0000"]}', json, 400],
    ['{"a":1}', 'text/plain', 415],
    ['{"a":1}', null, 415],
    ['{"a":1}', 'application/x-www-form-urlencoded', 415],
  ])('%j as %s → %i', (text, type, status) => {
    expect(outcome(() => parseJsonObject(text, type))).toMatchObject({ status });
  });
  it('keeps a literal backslash-u text (not a NUL) as it is', () => {
    expect(parseJsonObject('{"a":"\\\\u0000"}', json)).toEqual({ a: '\\u0000' });
  });
  it('makes __proto__ an own key, never the prototype', () => {
    const value = parseJsonObject('{"__proto__":{"admin":true}}', json);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['application/merge-patch+json', true],
    ['application/jsonx', false],
    ['text/json', false],
    ['', false],
    [null, false],
  ])('%j → %s', (value, expected) => {
    expect(isJsonContentType(value)).toBe(expected);
  });
});

describe('queryObject', () => {
  it('keeps single values as strings and repeated keys as arrays', () => {
    expect(queryObject(new URL('http://t/x?status=pending&mine=true&status=denied'))).toEqual({ status: ['pending', 'denied'], mine: 'true' });
  });
  it('refuses a NUL', () => {
    expect(outcome(() => queryObject(new URL('http://t/x?resource=a%00b')))).toEqual({ status: 400, code: 'bad_request' });
  });
});
