// Command line of `npm run chaos`.
export interface ChaosOptions {
  exports: number;
  companies: number;
  seed: number;
  /** Faults injected during the run (every required kind at least once). */
  faults: number;
  /** Longest wait for everything to be delivered once the faults stopped, seconds. */
  drainTimeoutS: number;
  /** Print the apps' warnings and errors as they come. */
  verbose: boolean;
  /** Use a database of its own on the shared Postgres instead of a private cluster. */
  sharedPostgres: boolean;
}

export const USAGE = `usage: npm run chaos -- [--exports N] [--companies N] [--seed N] [--faults N] [--drain-timeout S] [--verbose]

  --exports N         tasks sent to billing (default 200)
  --companies N       companies, each with its QuickBooks file and ProgressionLIVE (default 10)
  --seed N            replays the choices of an earlier run (default: random, printed)
  --faults N          faults injected, each required kind at least once (default 12, 20 from 1000 exports)
  --drain-timeout S   longest wait for delivery once the faults stopped (default 420)
  --verbose           print the apps' warnings and errors as they come
  --shared-postgres   no private Postgres cluster: a database of its own on the shared server
                      (never restarted; "Postgres restarted" cuts that database's connections)`;

export function parseOptions(argv: string[]): ChaosOptions {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    if (index >= 0) return argv[index + 1];
    const inline = argv.find((arg) => arg.startsWith(`--${name}=`));
    return inline?.slice(name.length + 3);
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new Error(
        `--${name} must be an integer from ${min} to ${max} (got "${raw}")\n${USAGE}`,
      );
    }
    return parsed;
  };
  const exports = int('exports', 200, 1, 20_000);
  return {
    exports,
    companies: int('companies', 10, 1, 100),
    seed: int('seed', Math.floor(Math.random() * 2 ** 31), 0, 2 ** 32 - 1),
    faults: int('faults', exports >= 1000 ? 20 : 12, 8, 200),
    drainTimeoutS: int('drain-timeout', 420, 10, 7200),
    verbose: argv.includes('--verbose'),
    sharedPostgres: argv.includes('--shared-postgres'),
  };
}
