import { createHash } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { currentLogContext } from './log-context';

/** Paths pino replaces with "[redacted]" wherever they appear in a log object. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'strPassword',
  '*.strPassword',
  'ticket',
  '*.ticket',
  'ticketId',
  '*.ticketId',
  'apiKey',
  '*.apiKey',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'plPassword',
  '*.plPassword',
];

/** A short tag that identifies a ticket in logs without revealing it. */
export function ticketTag(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex').slice(0, 10);
}

/** The JSON logger of one app: its name, the current request/company/ticket, secrets redacted. */
export function createLogger(app: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { app },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: () => ({ ...currentLogContext() }),
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** Nest's logger interface over pino, so framework messages are JSON too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace', message: unknown, context?: string) {
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }
}
