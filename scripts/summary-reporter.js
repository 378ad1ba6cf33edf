/**
 * Prints one plain closing line, `N passed, N failed[, N skipped]`, after web-test-runner's own output.
 * CI reads that line. A test file that fails to load, or a browser that never starts, counts as a failure,
 * so a broken run can never end with "0 failed". `npm test` runs the Node tests first and hands their counts
 * over in `EFA_NODE_TEST_COUNTS` ("passed,failed"); they are added in.
 */
export function summaryReporter() {
  let counts;
  let printed = false;

  function countSuite(suite, into) {
    for (const test of suite.tests) {
      if (test.skipped) into.skipped += 1;
      else if (test.passed) into.passed += 1;
      else into.failed += 1;
    }
    for (const child of suite.suites) countSuite(child, into);
  }

  function print() {
    if (printed) return;
    printed = true;
    const c = counts ?? { passed: 0, failed: 1, skipped: 0 };
    const [nodePassed = 0, nodeFailed = 0] = (process.env.EFA_NODE_TEST_COUNTS ?? '').split(',').map(Number);
    c.passed += nodePassed;
    c.failed += nodeFailed;
    const skipped = c.skipped ? `, ${c.skipped} skipped` : '';
    process.stdout.write(`\n${c.passed} passed, ${c.failed} failed${skipped}\n`);
  }

  // Printed at exit so that it stands after everything the default reporter writes.
  process.once('exit', print);

  return {
    onTestRunFinished({ sessions }) {
      const next = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, next);
        // Errors outside any test: an import failure, an uncaught error, a crashed page.
        if (session.errors.length > 0 || (session.passed === false && !session.testResults)) next.failed += 1;
      }
      if (sessions.length === 0) next.failed += 1;
      counts = next;
    },
  };
}
