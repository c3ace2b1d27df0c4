// Imported first by metrics.test.ts, so functions/lib/metrics.ts reads these when it loads:
// metrics on (tests/support/quiet-logs.ts turns them off elsewhere) in a namespace of the test's.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
process.env.POWERTOOLS_METRICS_NAMESPACE = 'shop-test';
// What Lambda sets for an on-demand function; Powertools counts cold starts only then.
process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
