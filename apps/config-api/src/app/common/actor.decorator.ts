import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiErrors } from './api-error';
import { PRINTABLE } from './validators';

const DEFAULT_ACTOR = 'api';
const MAX_ACTOR_LENGTH = 200;

/** Who made a change, from the `x-actor` header; `api` when the main app does not say. */
export const Actor = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers['x-actor'];
    if (header === undefined) return DEFAULT_ACTOR;

    const actor = typeof header === 'string' ? header.trim() : '';
    if (actor === '' || actor.length > MAX_ACTOR_LENGTH || !PRINTABLE.test(actor)) {
      throw ApiErrors.invalidRequest([
        {
          path: 'x-actor',
          problems: {
            isActor: `x-actor must be 1 to ${MAX_ACTOR_LENGTH} printable characters`,
          },
        },
      ]);
    }
    return actor;
  },
);
