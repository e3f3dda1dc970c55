import { seedDemo } from './seed/demo-seed';
import { startFakeProgressionLive } from './http/server';

// Starts the fake for the demo: `node main.ts [port] [--empty]`. It listens on loopback
// only and, unless --empty is given, holds the demo company.
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = Number(
    args.find((a) => /^\d+$/.test(a)) ?? process.env['FAKE_PL_PORT'] ?? 4010,
  );
  const fake = await startFakeProgressionLive({ port, host: '127.0.0.1' });
  const seeded = args.includes('--empty') ? undefined : seedDemo(fake.store);

  process.stdout.write(`fake ProgressionLIVE listening on ${fake.url}\n`);
  process.stdout.write(`WSDL: ${fake.url}/server/ws/v2/ProgressionWebService?wsdl\n`);
  if (seeded) {
    process.stdout.write(
      `demo account: ${seeded.account.username} / ${seeded.account.password}\n`,
    );
  }

  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
