// Applies pending migrations (creating the database and schema when missing).
import { loadConfig, migrate } from '@qbd/platform';

async function main(): Promise<void> {
  const config = loadConfig();
  const applied = await migrate({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
