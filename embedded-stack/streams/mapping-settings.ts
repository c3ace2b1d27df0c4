import { z } from 'zod';
import type { ResolvedServerlessConfig } from '../serverless-config';

/**
 * A DynamoDB stream event source mapping of serverless.yml (a function's `stream` event), as the
 * local stack runs it: the same settings CloudFormation gives Lambda's mapping on AWS.
 */
export interface StreamMappingSettings {
  functionKey: string;
  tableName: string;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  batchSize: number;
  /** Retries of a failing batch before its records go to the on-failure destination. */
  maximumRetryAttempts: number;
  /** A record older than this goes to the on-failure destination untried (-1: no limit). */
  maximumRecordAgeSeconds: number;
  bisectBatchOnFunctionError: boolean;
  /** ReportBatchItemFailures: the handler names the first record that failed. */
  reportBatchItemFailures: boolean;
}

const streamEventSchema = z.looseObject({
  stream: z.looseObject({
    type: z.literal('dynamodb'),
    arn: z.looseObject({ 'Fn::GetAtt': z.tuple([z.string(), z.literal('StreamArn')]) }),
    startingPosition: z.enum(['TRIM_HORIZON', 'LATEST']).default('TRIM_HORIZON'),
    // Lambda's own defaults where serverless.yml says nothing.
    batchSize: z.number().int().min(1).max(10_000).default(100),
    maximumRetryAttempts: z.number().int().min(-1).default(-1),
    maximumRecordAgeInSeconds: z.number().int().min(-1).default(-1),
    bisectBatchOnFunctionError: z.boolean().default(false),
    functionResponseType: z.literal('ReportBatchItemFailures').optional(),
    enabled: z.boolean().default(true),
  }),
});

/** Every enabled DynamoDB stream mapping of the resolved configuration. */
export function streamMappingsOf(config: ResolvedServerlessConfig): StreamMappingSettings[] {
  return Object.entries(config.functions).flatMap(([functionKey, fn]) =>
    ((fn.events ?? []) as unknown[]).flatMap((event) => {
      const parsed = streamEventSchema.safeParse(event);
      if (!parsed.success || !parsed.data.stream.enabled) return [];
      const { stream } = parsed.data;
      const [tableId] = stream.arn['Fn::GetAtt'];
      const tableName = config.resources.Resources[tableId]?.Properties?.TableName;
      if (typeof tableName !== 'string') {
        throw new Error(`The stream of function "${functionKey}" names no table: ${tableId}`);
      }
      return [
        {
          functionKey,
          tableName,
          startingPosition: stream.startingPosition,
          batchSize: stream.batchSize,
          maximumRetryAttempts: stream.maximumRetryAttempts,
          maximumRecordAgeSeconds: stream.maximumRecordAgeInSeconds,
          bisectBatchOnFunctionError: stream.bisectBatchOnFunctionError,
          reportBatchItemFailures: stream.functionResponseType === 'ReportBatchItemFailures',
        },
      ];
    }),
  );
}
