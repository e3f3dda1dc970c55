import {
  BadRequestException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { ApiErrors } from './api-error';
import { toApiError } from './api-error.filter';

const request = { method: 'GET', url: '/v1/x?y=1' };

describe('toApiError', () => {
  it('keeps an API error as it is', () => {
    const error = ApiErrors.companyDisabled('c-1');

    expect(toApiError(error, request)).toBe(error);
  });

  it('turns Nest’s unknown-route 404 into ROUTE_NOT_FOUND without the query string', () => {
    const error = toApiError(new NotFoundException('Cannot GET /v1/x?y=1'), request);

    expect(error.toBody()).toMatchObject({
      code: 'ROUTE_NOT_FOUND',
      details: { method: 'GET', url: '/v1/x' },
    });
  });

  it.each([
    [new BadRequestException('bad'), 400, 'INVALID_REQUEST'],
    [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE'],
    [
      Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ])('maps %s to %i %s', (exception, status, code) => {
    const error = toApiError(exception, request);

    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
  });

  it('hides everything about an unknown error', () => {
    const body = toApiError(
      new Error('password authentication failed for user "admin"'),
      request,
    ).toBody();

    expect(body.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toContain('admin');
  });
});
