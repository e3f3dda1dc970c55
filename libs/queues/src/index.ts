export * from './queue-contracts';
export * from './redis-connection';
export * from './queue-client';
