// The handlers' Powertools logs are noise in test output (failures are asserted, not read):
// SHOP_TEST_LOG_LEVEL=INFO npm test shows them again.
process.env.POWERTOOLS_LOG_LEVEL = process.env.SHOP_TEST_LOG_LEVEL ?? 'SILENT';
// Handlers run in the test process print their EMF metric lines too: noise here. The tests of the
// metrics themselves turn them back on (tests/unit/shared/metrics.test.ts).
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
