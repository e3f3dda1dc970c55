import { Initial1796399744082 } from './1796399744082-Initial';
import { ImportTracking1796400310706 } from './1796400310706-ImportTracking';
import { ResponseBodyLz41796403439031 } from './1796403439031-ResponseBodyLz4';

/** Every migration, in order. Generated with `npm run db:migration:generate -- Name`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
export const DOMAIN_MIGRATIONS: Function[] = [
  Initial1796399744082,
  ImportTracking1796400310706,
  ResponseBodyLz41796403439031,
];
