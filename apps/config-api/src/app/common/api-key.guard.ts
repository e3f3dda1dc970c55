import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '@qbd/platform';
import { ApiErrors } from './api-error';

export const API_KEY_HEADER = 'x-api-key';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The main app authenticates with the configured API key. Both sides are hashed first so
 * the comparison takes the same time whatever the length or content of the key given.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: AppConfig) {
    this.expected = digest(config.API_KEY);
  }

  canActivate(context: ExecutionContext): boolean {
    const given = context.switchToHttp().getRequest<FastifyRequest>().headers[
      API_KEY_HEADER
    ];
    const key = typeof given === 'string' ? given : '';
    if (!timingSafeEqual(digest(key), this.expected) || key === '')
      throw ApiErrors.unauthorized();
    return true;
  }
}
