import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  GeminiError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from '../../src/core/index.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

// Bodies as recorded in test/fixtures/transcripts (crewai 404/429, vercel-ai 429 retry-info, firebase 400).
const notFound = {
  error: {
    code: 404,
    message:
      'models/gemini-1.5-flash is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.',
    status: 'NOT_FOUND',
  },
};
const quota = {
  error: {
    code: 429,
    message: 'You exceeded your current quota, please check your plan.',
    status: 'RESOURCE_EXHAUSTED',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }],
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' },
    ],
  },
};

describe('ApiError.from', () => {
  it('decodes a real 404 NOT_FOUND body', () => {
    const e = ApiError.from(404, JSON.stringify(notFound), JSON_HEADERS, 'Not Found');
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toBeInstanceOf(GeminiError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('NotFoundError');
    expect(e.status).toBe(404);
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe(notFound.error.message);
    expect(e.details).toEqual([]);
    expect(e.retryDelay).toBeUndefined();
    expect(e.body).toEqual(notFound);
    expect(e.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(String(e)).toBe(`NotFoundError: ${notFound.error.message}`);
    expect(e.stack?.startsWith('NotFoundError: models/gemini-1.5-flash')).toBe(true);
  });

  it('decodes a real 429 with QuotaFailure and RetryInfo', () => {
    const e = ApiError.from(429, JSON.stringify(quota), JSON_HEADERS);
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e.code).toBe('RESOURCE_EXHAUSTED');
    expect(e.retryDelay).toBe(34_400);
    expect(e.details.map((d) => d.kind)).toEqual(['QuotaFailure', 'RetryInfo']);
    const qf = e.detail('QuotaFailure');
    expect(qf?.violations[0]?.quotaId).toBe('GenerateRequestsPerMinutePerProjectPerModel-FreeTier');
    expect(e.detail('RetryInfo')).toMatchObject({ retryDelay: '34.4s', retryDelayMs: 34_400 });
  });

  it('decodes the documented 429 with QuotaFailure dimensions, Help and RetryInfo', () => {
    const body = {
      error: {
        code: 429,
        message: 'You exceeded your current quota, please check your plan and billing details.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
                quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
                quotaDimensions: { model: 'gemini-2.0-flash', location: 'global' },
                quotaValue: '15',
              },
            ],
          },
          {
            '@type': 'type.googleapis.com/google.rpc.Help',
            links: [
              {
                description: 'Learn more about Gemini API quotas',
                url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
              },
            ],
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34s' },
        ],
      },
    };
    const e = ApiError.from(429, JSON.stringify(body));
    expect(e.retryDelay).toBe(34_000);
    expect(e.detail('QuotaFailure')?.violations[0]?.quotaDimensions).toEqual({
      model: 'gemini-2.0-flash',
      location: 'global',
    });
    expect(e.detail('Help')?.links[0]?.url).toBe('https://ai.google.dev/gemini-api/docs/rate-limits');
  });

  it('decodes an invalid-key 400 with ErrorInfo and LocalizedMessage', () => {
    const body = {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'generativelanguage.googleapis.com' },
          },
          {
            '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
            locale: 'en-US',
            message: 'API key not valid. Please pass a valid API key.',
          },
        ],
      },
    };
    const e = ApiError.from(400, JSON.stringify(body));
    expect(e).toBeInstanceOf(BadRequestError);
    const info = e.detail('ErrorInfo');
    expect(info).toEqual({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      kind: 'ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    });
    expect(e.detail('LocalizedMessage')?.locale).toBe('en-US');
  });

  it('decodes BadRequest field violations and keeps unknown details', () => {
    const body = {
      error: {
        code: 400,
        message: 'bad',
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: 'contents[0].parts', description: 'must not be empty' }],
          },
          { '@type': 'type.googleapis.com/google.rpc.DebugInfo', detail: 'x', stackEntries: ['a'] },
          'not an object',
        ],
      },
    };
    const e = ApiError.from(400, JSON.stringify(body));
    expect(e.detail('BadRequest')?.fieldViolations).toEqual([
      { field: 'contents[0].parts', description: 'must not be empty' },
    ]);
    expect(e.details[1]).toEqual({
      '@type': 'type.googleapis.com/google.rpc.DebugInfo',
      kind: 'Other',
      detail: 'x',
      stackEntries: ['a'],
    });
    expect(e.details).toHaveLength(2);
  });

  it('decodes an error wrapped in a JSON array and an SSE data line', () => {
    const arr = ApiError.from(404, JSON.stringify([notFound]));
    expect(arr).toBeInstanceOf(NotFoundError);
    expect(arr.message).toBe(notFound.error.message);
    const sse = ApiError.from(
      503,
      `data: ${JSON.stringify({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } })}\r\n\r\n`,
    );
    expect(sse).toBeInstanceOf(ServerError);
    expect(sse.code).toBe('UNAVAILABLE');
    expect(sse.message).toBe('The model is overloaded.');
  });

  it('gives a useful error for an HTML proxy page', () => {
    const html =
      '<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style><script>var x=1</script></head><body><h1>Bad Gateway</h1><p>The proxy got an invalid response.</p></body></html>';
    const e = ApiError.from(502, html, { 'content-type': 'text/html' }, 'Bad Gateway');
    expect(e).toBeInstanceOf(ServerError);
    expect(e.status).toBe(502);
    expect(e.message).toBe('502 Bad Gateway: 502 Bad Gateway Bad Gateway The proxy got an invalid response.');
    expect(e.message).not.toContain('<');
    expect(e.message).not.toContain('color:red');
    expect(e.body).toBe(html);
  });

  it('truncates long text bodies and handles empty ones', () => {
    const e = ApiError.from(500, 'x'.repeat(5000), {}, 'Internal Server Error');
    expect(e.message.length).toBeLessThan(260);
    expect(e.code).toBe('INTERNAL');
    const empty = ApiError.from(503, '', {}, 'Service Unavailable');
    expect(empty.message).toBe('503 Service Unavailable');
    expect(empty.code).toBe('UNAVAILABLE');
    expect(ApiError.from(504, '').message).toBe('504');
  });

  it('falls back to Retry-After and finds a request id', () => {
    const e = ApiError.from(503, '{}', { 'retry-after': '7', 'x-request-id': 'req-1' });
    expect(e.retryDelay).toBe(7000);
    expect(e.requestId).toBe('req-1');
    const withInfo = ApiError.from(
      500,
      JSON.stringify({
        error: {
          code: 500,
          message: 'm',
          status: 'INTERNAL',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId: 'abc' }],
        },
      }),
    );
    expect(withInfo.requestId).toBe('abc');
  });

  it('RetryInfo wins over Retry-After', () => {
    const e = ApiError.from(429, JSON.stringify(quota), { 'retry-after': '1' });
    expect(e.retryDelay).toBe(34_400);
  });

  it.each([
    [400, BadRequestError, 'INVALID_ARGUMENT'],
    [401, AuthenticationError, 'UNAUTHENTICATED'],
    [403, PermissionDeniedError, 'PERMISSION_DENIED'],
    [404, NotFoundError, 'NOT_FOUND'],
    [409, ConflictError, 'ABORTED'],
    [429, RateLimitError, 'RESOURCE_EXHAUSTED'],
    [500, ServerError, 'INTERNAL'],
    [503, ServerError, 'UNAVAILABLE'],
    [504, ServerError, 'DEADLINE_EXCEEDED'],
    [418, ApiError, 'UNKNOWN'],
  ] as const)('maps %i to %o', (status, cls, code) => {
    const e = ApiError.from(status, 'nope');
    expect(e).toBeInstanceOf(cls);
    expect(e.constructor).toBe(cls);
    expect(e.code).toBe(code);
  });

  it('keeps the body status string when present', () => {
    const e = ApiError.from(
      400,
      JSON.stringify({ error: { code: 400, message: 'm', status: 'FAILED_PRECONDITION' } }),
    );
    expect(e.code).toBe('FAILED_PRECONDITION');
  });

  it('serialises to JSON with name and message', () => {
    const e = ApiError.from(404, JSON.stringify(notFound));
    const j = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
    expect(j.name).toBe('NotFoundError');
    expect(j.message).toBe(notFound.error.message);
    expect(j.status).toBe(404);
  });
});
