// `npm run demo`: the connector's whole story on the bundled simulated QuickBooks.
import { runDemoScenario } from './demo-scenario';

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const started = Date.now();
  const result = await runDemoScenario({ preferDefaultPorts: true, say: (line) => console.log(line) });
  const { urls } = result.stack;
  console.log(`\nDemo succeeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  console.log(keep ? 'Still running:' : 'Where to look (run with --keep to leave them running):');
  console.log(`  Swagger UI:      ${urls.configApi}/docs   (x-api-key: ${result.stack.apiKey})`);
  console.log(`  Status:          ${urls.configApi}/v1/companies/${result.companyId}/status`);
  console.log(`  Exports:         ${urls.configApi}/v1/companies/${result.companyId}/exports`);
  console.log(`  Imports:         ${urls.configApi}/v1/companies/${result.companyId}/imports`);
  console.log(`  Bull Board:      ${urls.gatewayBase}/admin/queues   (admin / admin-change-me)`);
  console.log(`  Metrics:         ${urls.gatewayBase}/metrics, ${urls.configApi}/metrics, ${urls.worker}/metrics`);
  console.log(`  ProgressionLIVE: ${result.fake.url} (fake)`);
  if (keep) {
    console.log('\n--keep: everything keeps running; press Ctrl+C to stop.');
    const stop = async () => {
      await result.dispose();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }
  await result.dispose();
}

main().catch((error: Error) => {
  console.error(`\nDemo failed: ${error.message}`);
  process.exit(1);
});
