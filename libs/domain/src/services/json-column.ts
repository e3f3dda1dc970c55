import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * A JSON value for an `update()`: TypeORM's partial-entity type cannot describe open JSON
 * objects (`Record<string, unknown>`), although Postgres stores them as they are.
 */
export function jsonColumn<T>(value: T): QueryDeepPartialEntity<T> {
  return value as QueryDeepPartialEntity<T>;
}
