// The handlers' Powertools logs are noise in test output (failures are asserted, not read):
// SHOP_TEST_LOG_LEVEL=INFO npm test shows them again.
process.env.POWERTOOLS_LOG_LEVEL = process.env.SHOP_TEST_LOG_LEVEL ?? 'SILENT';
