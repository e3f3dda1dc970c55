// Hostile input against the configuration API: keys, body sizes, types, unknown fields,
// prototype tricks, nesting, content types, identifiers.
import { randomUUID } from 'node:crypto';
import { send, type Answer } from './http';
import { apiError, transportRefusal, type Attempt } from './attempt';
import type { Stage } from './stage';

const MB = 1024 * 1024;

interface ApiCall {
  method?: string;
  path: string | ((stage: Stage) => string);
  body?: string | Buffer;
  contentType?: string;
  /** The key sent; the right one when absent, none when null. */
  key?: string | null | string[];
  headers?: Record<string, string>;
  stream?: number;
}

function apiCall(stage: Stage, input: ApiCall): Promise<Answer> {
  const path = typeof input.path === 'function' ? input.path(stage) : input.path;
  const headers: Record<string, string | string[]> = { ...input.headers };
  if (input.key !== null) headers['x-api-key'] = input.key ?? stage.apiKey;
  if (input.body !== undefined || input.stream)
    headers['content-type'] = input.contentType ?? 'application/json';
  return send({
    url: `${stage.configApiUrl}${path}`,
    method: input.method ?? 'POST',
    headers,
    body: input.body,
    stream: input.stream
      ? {
          bytes: input.stream,
          fill: Buffer.alloc(MB, ' '),
          head: Buffer.from('{"name":"'),
        }
      : undefined,
  });
}

function refused(
  name: string,
  input: ApiCall,
  statuses: number[],
  code?: string | RegExp,
): Attempt {
  return {
    target: 'config-api',
    name,
    expected: `${statuses.join('/')}${code ? ` ${code}` : ''}`,
    run: async (stage) => apiError(await apiCall(stage, input), statuses, code),
  };
}

const bravoPath = (suffix: string) => (stage: Stage) =>
  `/v1/companies/${stage.companies.bravo.id}${suffix}`;

const validCompany = { externalId: 'attack-1', name: 'Attack' };

function taskEvent(
  overrides: Record<string, unknown> = {},
  item: Record<string, unknown> = {},
) {
  return JSON.stringify({
    eventId: `evt-${randomUUID()}`,
    task: {
      taskId: 'T-1',
      taskNumber: 'T-1',
      stage: 700,
      clientId: 'C-1',
      items: [{ description: 'Work', quantity: '1', unitPrice: '10.00', ...item }],
      ...overrides,
    },
  });
}

function nested(depth: number): string {
  return `{"externalId":"deep-1","name":"Deep","settings":{"x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`;
}

export const CONFIG_API_ATTACKS: Attempt[] = [
  refused(
    'no API key',
    { method: 'GET', path: bravoPath(''), key: null },
    [401],
    'UNAUTHORIZED',
  ),
  refused(
    'wrong API key',
    { method: 'GET', path: bravoPath(''), key: 'guess-0123456789' },
    [401],
    'UNAUTHORIZED',
  ),
  refused(
    'empty API key',
    { method: 'GET', path: bravoPath(''), key: '' },
    [401],
    'UNAUTHORIZED',
  ),
  refused(
    'API key twice',
    { method: 'GET', path: bravoPath(''), key: ['guess', 'guess'] },
    [401],
    'UNAUTHORIZED',
  ),
  {
    target: 'config-api',
    name: 'API key in the query string',
    expected: '401 UNAUTHORIZED',
    run: async (stage) =>
      apiError(
        await apiCall(stage, {
          method: 'GET',
          path: `/v1/companies/${stage.companies.bravo.id}?x-api-key=${stage.apiKey}`,
          key: null,
        }),
        [401],
        'UNAUTHORIZED',
      ),
  },
  refused(
    'no API key on a write, valid body',
    { path: '/v1/companies', key: null, body: JSON.stringify(validCompany) },
    [401],
    'UNAUTHORIZED',
  ),
  refused(
    'no API key on password rotation',
    { path: bravoPath('/connection'), key: null, body: '{}' },
    [401],
    'UNAUTHORIZED',
  ),
  refused(
    '2 MB JSON body',
    {
      path: '/v1/companies',
      body: JSON.stringify({ ...validCompany, name: 'x'.repeat(2 * MB) }),
    },
    [413],
  ),
  {
    target: 'config-api',
    name: '100 MB JSON body (streamed)',
    expected: '413 or closed',
    run: async (stage) => {
      const answer = await apiCall(stage, { path: '/v1/companies', stream: 100 * MB });
      return answer.status === 0
        ? transportRefusal(answer, [0])
        : apiError(answer, [413]);
    },
  },
  refused(
    'name as a number',
    { path: '/v1/companies', body: JSON.stringify({ externalId: 'x-1', name: 123 }) },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'settings as a string',
    { path: '/v1/companies', body: JSON.stringify({ ...validCompany, settings: 'yes' }) },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'externalId as an array',
    { path: '/v1/companies', body: JSON.stringify({ externalId: ['a'], name: 'x' }) },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'unknown top-level field',
    { path: '/v1/companies', body: JSON.stringify({ ...validCompany, isAdmin: true }) },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'unknown nested field',
    {
      path: '/v1/companies',
      body: JSON.stringify({
        ...validCompany,
        settings: { syncModes: { payroll: 'full' } },
      }),
    },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    '__proto__ in the body',
    {
      path: '/v1/companies',
      body: '{"externalId":"p-1","name":"P","__proto__":{"isAdmin":true}}',
    },
    [400],
  ),
  refused(
    'constructor.prototype in the body',
    {
      path: '/v1/companies',
      body: '{"externalId":"p-2","name":"P","constructor":{"prototype":{"isAdmin":true}}}',
    },
    [400],
  ),
  refused(
    'JSON nested 100,000 deep',
    { path: '/v1/companies', body: nested(100_000) },
    [400],
  ),
  refused(
    'JSON nested 2,000 deep',
    { path: '/v1/companies', body: nested(2_000) },
    [400],
  ),
  refused(
    'truncated JSON',
    { path: '/v1/companies', body: '{"externalId":"t-1","name":' },
    [400],
  ),
  refused(
    'JSON array instead of an object',
    { path: '/v1/companies', body: '[{"externalId":"a-1","name":"A"}]' },
    [400],
  ),
  refused('JSON null', { path: '/v1/companies', body: 'null' }, [400]),
  refused(
    'text/plain body',
    {
      path: '/v1/companies',
      body: JSON.stringify(validCompany),
      contentType: 'text/plain',
    },
    [415],
  ),
  refused(
    'form-encoded body',
    {
      path: '/v1/companies',
      body: 'externalId=f-1&name=F',
      contentType: 'application/x-www-form-urlencoded',
    },
    [415],
  ),
  refused(
    'XML body',
    {
      path: '/v1/companies',
      body: '<company><externalId>x-1</externalId></company>',
      contentType: 'application/xml',
    },
    [415],
  ),
  refused(
    'name with control characters',
    {
      path: '/v1/companies',
      body: JSON.stringify({ externalId: 'c-1', name: 'a\u0000b\u001b[31m' }),
    },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'name with a lone surrogate',
    { path: '/v1/companies', body: '{"externalId":"s-1","name":"a\\ud800b"}' },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'x-actor of 5,000 characters',
    {
      path: '/v1/companies',
      body: JSON.stringify(validCompany),
      headers: { 'x-actor': 'e'.repeat(5000) },
    },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'company id not a UUID',
    { method: 'GET', path: "/v1/companies/1'%20OR%201=1--" },
    [400],
  ),
  refused(
    'unknown company',
    { method: 'GET', path: `/v1/companies/${randomUUID()}` },
    [404],
    'NOT_FOUND',
  ),
  refused(
    'task event for an unknown company',
    { path: `/v1/companies/${randomUUID()}/task-events`, body: taskEvent() },
    [404],
    'NOT_FOUND',
  ),
  refused(
    'task event: quantity as a number',
    { path: bravoPath('/task-events'), body: taskEvent({}, { quantity: 1.5 }) },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'task event: quantity 1e400',
    { path: bravoPath('/task-events'), body: taskEvent({}, { quantity: '1e400' }) },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'task event: stage as a string',
    { path: bravoPath('/task-events'), body: taskEvent({ stage: '700' }) },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'task event: stage 1e400',
    {
      path: bravoPath('/task-events'),
      body: taskEvent().replace('"stage":700', '"stage":1e400'),
    },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'task event: NUL in a description',
    { path: bravoPath('/task-events'), body: taskEvent({}, { description: 'a\u0000b' }) },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'task event: NUL in the memo',
    { path: bravoPath('/task-events'), body: taskEvent({ memo: 'x\u0000' }) },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'task event: 1,001 lines',
    {
      path: bravoPath('/task-events'),
      body: taskEvent({
        items: Array.from({ length: 1001 }, () => ({
          description: 'x',
          quantity: '1',
          unitPrice: '1',
        })),
      }),
    },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'task event: date 2025-02-30',
    { path: bravoPath('/task-events'), body: taskEvent({ date: '2025-02-30' }) },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'task event: task missing',
    { path: bravoPath('/task-events'), body: '{"eventId":"e-1"}' },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'settings: minimum interval above the maximum',
    {
      method: 'PUT',
      path: bravoPath('/settings'),
      body: JSON.stringify({ minIntervalMinutes: 600, maxIntervalMinutes: 60 }),
    },
    [400, 422],
  ),
  refused(
    'settings: empty body',
    { method: 'PUT', path: bravoPath('/settings'), body: '' },
    [400],
  ),
  refused(
    'settings: companyFilePath with a NUL',
    {
      method: 'PUT',
      path: bravoPath('/settings'),
      body: JSON.stringify({ companyFilePath: 'C:\\a\u0000.qbw' }),
    },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'settings: interval as "60"',
    {
      method: 'PUT',
      path: bravoPath('/settings'),
      body: JSON.stringify({ maxIntervalMinutes: '60' }),
    },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'ProgressionLIVE URL to a file',
    {
      method: 'PUT',
      path: bravoPath('/progressionlive'),
      body: JSON.stringify({
        baseUrl: 'file:///etc/passwd',
        username: 'u',
        password: 'p',
      }),
    },
    [400],
    'INVALID_REQUEST',
  ),
  refused(
    'history page size 10^9',
    { method: 'GET', path: bravoPath('/sessions?limit=1000000000') },
    [400],
    'INVALID_REQUEST',
  ),
  {
    target: 'config-api',
    name: 'SQL in the externalId query',
    expected: '200 [] or 400',
    run: async (stage) => {
      const answer = await apiCall(stage, {
        method: 'GET',
        path: `/v1/companies?externalId=${encodeURIComponent("' OR '1'='1")}`,
      });
      if (answer.status === 400) return apiError(answer, [400]);
      return {
        ok: answer.status === 200 && answer.body.trim() === '[]',
        got: `${answer.status} ${answer.body.slice(0, 40)}`,
      };
    },
  },
  {
    target: 'config-api',
    name: '100 KB URL',
    expected: '400/414/431',
    run: async (stage) =>
      transportRefusal(
        await apiCall(stage, {
          method: 'GET',
          path: `/v1/companies/${'a'.repeat(100_000)}`,
        }),
        [400, 414, 431],
      ),
  },
];
