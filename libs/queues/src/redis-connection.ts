import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection for BullMQ and the gateway's tickets. It keeps retrying while Redis
 * is down, so the apps recover by themselves when it comes back.
 */
export function createRedisConnection(url: string, options: RedisOptions = {}): Redis {
  return new IORedis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (attempt) => Math.min(200 * attempt, 2000),
    reconnectOnError: () => true,
    ...options,
  });
}
