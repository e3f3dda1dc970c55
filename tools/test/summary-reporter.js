// Jest reporter that leaves each run's counts in TEST_SUMMARY_DIR, so that `npm test`
// can print one closing line for all projects and tiers.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.TEST_SUMMARY_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const name = `${process.pid}-${Date.now()}.json`;
    const failedSuites = results.testResults
      .filter((suite) => suite.failureMessage && suite.numFailingTests === 0)
      .map((suite) => suite.testFilePath);
    fs.writeFileSync(
      path.join(dir, name),
      JSON.stringify({
        config: this.globalConfig.rootDir,
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        skipped: results.numPendingTests + results.numTodoTests,
        suitesFailedToRun: failedSuites,
      }),
    );
  }
}

module.exports = SummaryReporter;
