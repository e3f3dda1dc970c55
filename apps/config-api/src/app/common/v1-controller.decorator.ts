import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from './api-key.guard';
import { ApiErrorResponses } from './openapi';

/** A versioned, API-key protected controller documented under one OpenAPI tag. */
export function V1Controller(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(`v1/${path}`),
    UseGuards(ApiKeyGuard),
    ApiTags(tag),
    ApiSecurity('apiKey'),
    ApiErrorResponses(),
  );
}

/** Documents the `x-actor` header that names who made a change. */
export const ApiActorHeader = () =>
  ApiHeader({
    name: 'x-actor',
    required: false,
    description:
      'Who makes the change (user name or e-mail), recorded in the history. Default: api.',
  });
