import {
  ArgumentsHost,
  Catch,
  HttpException,
  Inject,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { LOGGER } from '@qbd/platform';
import { ApiError, ApiErrors } from './api-error';

/**
 * Turns anything a route throws into `{code, message, details, ...}` with the right status.
 * Unknown errors are logged with their stack and answered as a bare 500: a stack trace or
 * a database message never reaches the caller.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const error = toApiError(exception, request);

    if (error.status >= 500) this.logFailure(exception, error, request);
    void http.getResponse<FastifyReply>().status(error.status).send(error.toBody());
  }

  private logFailure(exception: unknown, error: ApiError, request: FastifyRequest): void {
    const cause =
      exception instanceof Error
        ? { name: exception.name, message: exception.message, stack: exception.stack }
        : { value: String(exception) };
    this.logger.error(
      { code: error.code, method: request.method, url: request.url, err: cause },
      'request failed',
    );
  }
}

/** Maps Nest's and Fastify's own errors onto the API's error catalogue. */
export function toApiError(
  exception: unknown,
  request: Pick<FastifyRequest, 'method' | 'url'>,
): ApiError {
  if (exception instanceof ApiError) return exception;

  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Nest answers an unknown route with a NotFoundException whose text echoes the route.
    if (status === 404)
      return ApiErrors.routeNotFound(request.method, request.url.split('?')[0] ?? '');
    return status >= 500
      ? ApiErrors.internal()
      : ApiErrors.fromHttpStatus(status, reasonOf(exception));
  }

  // Fastify's own errors (unparsable JSON, wrong content type, body too large) carry a status.
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return ApiErrors.fromHttpStatus(statusCode, (exception as Error).message);
  }
  return ApiErrors.internal();
}

function reasonOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message)
    ? message.join('; ')
    : String(message ?? exception.message);
}
