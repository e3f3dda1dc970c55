import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());

/** Variables whose values are never printed, even in a validation failure. */
export const SENSITIVE_VARIABLES = new Set([
  'DATABASE_URL',
  'API_KEY',
  'SECRET_KEY',
  'BULL_BOARD_PASSWORD',
]);

/**
 * The whole configuration of every app, read once from the environment at boot.
 * Each variable has a default that works on a developer machine with the local
 * Postgres and Redis; production sets them explicitly.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Postgres connection string. */
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/qbd_connector';

  /** Postgres schema holding the connector's tables (tests use one schema each). */
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, {
    message: 'DATABASE_SCHEMA must be a plain identifier',
  })
  DATABASE_SCHEMA = 'public';

  /** Run pending migrations when an app starts (on by default outside production). */
  @IsOptional()
  @IsBoolean()
  @Transform(toBool)
  MIGRATE_ON_START?: boolean;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key and BullMQ queue, so several deployments share one Redis. */
  @Matches(/^[A-Za-z0-9_:-]{1,64}$/)
  QUEUE_PREFIX = 'qbd';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  CONFIG_API_PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  GATEWAY_PORT = 8080;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_PORT = 8090;

  @IsString()
  HOST = '127.0.0.1';

  /** Public URL of the SOAP endpoint, written into every company's .qwc file. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  GATEWAY_PUBLIC_URL = 'http://localhost:8080/qbwc';

  /** Path of the SOAP endpoint on the gateway. */
  @Matches(/^\/[A-Za-z0-9/_-]*$/)
  QBWC_PATH = '/qbwc';

  /** Largest SOAP body accepted, in megabytes (real QuickBooks responses are large). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(512)
  GATEWAY_BODY_LIMIT_MB = 64;

  /** How long a Web Connector ticket lives without a call, in seconds; a silent session frees its company after this. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  TICKET_TTL_SECONDS = 900;

  /** API key the ProgressionLIVE main app sends in `x-api-key`. */
  @IsString()
  @MinLength(12)
  API_KEY = 'dev-api-key-change-me';

  /** 32+ character key that encrypts the ProgressionLIVE passwords at rest. */
  @IsString()
  @MinLength(32)
  SECRET_KEY = 'dev-secret-key-change-me-0123456789abcdef';

  @IsString()
  BULL_BOARD_USER = 'admin';

  @IsString()
  @MinLength(8)
  BULL_BOARD_PASSWORD = 'admin-change-me';

  /**
   * Addresses (or CIDRs) of the reverse proxies in front of the apps, comma-separated,
   * whose X-Forwarded-For is believed; empty when clients connect directly.
   */
  @IsString()
  @Matches(/^[0-9A-Fa-f.:/, ]*$/, {
    message: 'TRUST_PROXY must list IP addresses or CIDRs',
  })
  TRUST_PROXY = '';

  /** Gateway's concurrency guard: the most calls one gateway process serves at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_CONCURRENCY = 8;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get migrateOnStart(): boolean {
    return this.MIGRATE_ON_START ?? !this.isProduction;
  }
}

/** Thrown at boot when the environment is wrong; lists every bad variable. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n - ${problems.join('\n - ')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Reads and validates the configuration. A missing or bad variable stops the app with
 * the list of what is wrong; values of sensitive variables are never echoed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const key of known) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  for (const key of ['MIGRATE_ON_START']) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }

  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    const problems = errors.map((error) => {
      const reasons = Object.values(error.constraints ?? {}).join('; ');
      const shown = SENSITIVE_VARIABLES.has(error.property)
        ? ''
        : ` (got "${String(raw[error.property] ?? '')}")`;
      return `${error.property}: ${reasons}${shown}`;
    });
    throw new ConfigValidationError(problems);
  }
  if (config.isProduction) assertNoDevSecrets(config);
  return config;
}

function assertNoDevSecrets(config: AppConfig): void {
  const problems = ['API_KEY', 'SECRET_KEY', 'BULL_BOARD_PASSWORD']
    .filter((key) => String(config[key as keyof AppConfig]).includes('change-me'))
    .map((key) => `${key}: the development default may not be used in production`);
  if (problems.length > 0) throw new ConfigValidationError(problems);
}
