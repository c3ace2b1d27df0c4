/**
 * AWS unit prices for US East (N. Virginia), on-demand, list prices of the first tier, in USD,
 * as the AWS pricing pages cited below give them. Free tiers, Savings Plans and volume tiers
 * are left out: at a million orders a month they move the total by little, and the estimate
 * should not depend on what else runs in the account.
 *
 * Figures as of 2026-11 (collected for this file on 2026-11-21 from those pages and copies of
 * them). Prices change: check the pages before quoting a figure derived from them. Each price
 * carries exactly the precision the page shows.
 */
export const AWS_PRICES_AS_OF = '2026-11';
export const AWS_PRICES_REGION = 'us-east-1';

export const AWS_PRICES = {
  /**
   * AWS Lambda pricing (https://aws.amazon.com/lambda/pricing/), "Requests": $0.20 per 1M
   * requests, either architecture.
   */
  lambdaPerRequest: 0.2 / 1_000_000,
  /**
   * AWS Lambda pricing, "Duration", Arm price, first 7.5 billion GB-seconds a month:
   * $0.0000133334 per GB-second (serverless.yml deploys arm64). Billed per 1 ms, rounded up.
   */
  lambdaArmPerGbSecond: 0.0000133334,
  /**
   * AWS Step Functions pricing (https://aws.amazon.com/step-functions/pricing/), Standard
   * Workflows: $0.025 per 1,000 state transitions; every retry is one more transition.
   */
  sfnStandardPerTransition: 0.025 / 1000,
  /** AWS Step Functions pricing, Express Workflows, "Requests": $1.00 per 1M requests. */
  sfnExpressPerRequest: 1.0 / 1_000_000,
  /**
   * AWS Step Functions pricing, Express Workflows, "Duration", first 1,000 GB-hours a month:
   * $0.00001667 per GB-second; duration rounded up to 100 ms, memory billed in 64 MB chunks.
   */
  sfnExpressPerGbSecond: 0.00001667,
  /**
   * Amazon DynamoDB pricing, on-demand capacity (https://aws.amazon.com/dynamodb/pricing/on-demand/),
   * Standard table class: $0.625 per million write request units (since the on-demand price cut
   * of 2024-11-01).
   */
  dynamodbPerWriteRequestUnit: 0.625 / 1_000_000,
  /** Amazon DynamoDB pricing, on-demand: $0.125 per million read request units. */
  dynamodbPerReadRequestUnit: 0.125 / 1_000_000,
  /**
   * Amazon SNS pricing (https://aws.amazon.com/sns/pricing/), Standard topics: $0.50 per 1M
   * API requests (a Publish of up to 64 KB is one); deliveries to AWS Lambda: no charge.
   */
  snsPerPublish: 0.5 / 1_000_000,
  /**
   * Amazon API Gateway pricing (https://aws.amazon.com/api-gateway/pricing/), HTTP APIs, first
   * 300 million requests a month: $1.00 per million (metered in 512 KB increments).
   */
  httpApiPerRequest: 1.0 / 1_000_000,
} as const;

/** Express Workflows bill memory in 64 MB chunks; a small saga's state fits in one. */
export const SFN_EXPRESS_MEMORY_GB = 64 / 1024;
/** Express Workflows round each execution's duration up to this. */
export const SFN_EXPRESS_BILLING_STEP_MS = 100;
