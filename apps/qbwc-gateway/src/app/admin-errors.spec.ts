import { adminErrorResponse } from './admin-errors';

describe('adminErrorResponse', () => {
  it('answers a refused login 401 without a stack or the library message', () => {
    const error = Object.assign(
      new Error('Missing or bad formatted authorization header'),
      { statusCode: 401 },
    );
    const response = adminErrorResponse(error);
    expect(response).toEqual({
      status: 401,
      body: { error: 'Unauthorized', message: 'Authentication required.' },
    });
    expect(JSON.stringify(response)).not.toMatch(/ at |node_modules|\.ts:/);
  });

  it('keeps the first line of a 4xx message and hides everything of a 5xx', () => {
    const notFound = adminErrorResponse(
      Object.assign(new Error('Queue "x" not found\n    at handler (/srv/app.js:1:1)'), {
        statusCode: 404,
      }),
    );
    expect(notFound).toEqual({
      status: 404,
      body: { error: 'Request refused', message: 'Queue "x" not found' },
    });
    const failed = adminErrorResponse(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(failed.status).toBe(500);
    expect(failed.body.message).not.toContain('ECONNREFUSED');
  });
});
