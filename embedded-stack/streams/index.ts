import { resolve } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { loadBundledHandlers } from '../handler-bundles';
import { lambdaContext } from '../lambda-context';
import type { ResolvedServerlessConfig } from '../serverless-config';
import { openCheckpointStore } from './checkpoints';
import { startEventSourceMapping, type RunningMapping } from './event-source-mapping';
import { failureFile } from './failure-destination';
import { streamMappingsOf } from './mapping-settings';

export interface StreamMappingsOptions {
  config: ResolvedServerlessConfig;
  /** Where this stack builds its functions. */
  buildDir: string;
  /** This stack's stream data: `checkpoints.json` and `<function>-failed.jsonl` per mapping. */
  dataDir: string;
  dynamodbUrl: string;
  region: string;
}

/** The file where the mapping of `functionKey` parks what it gave up on (the local on-failure destination). */
export const failureFileOf = (dataDir: string, functionKey: string): string =>
  resolve(dataDir, `${functionKey}-failed.jsonl`);

type StreamLambda = (
  event: DynamoDBStreamEvent,
  context: ReturnType<typeof lambdaContext>,
) => Promise<unknown>;

/**
 * Runs every DynamoDB stream mapping of serverless.yml (the outbox publishers) against DynamoDB
 * Local's streams, with the functions' bundled handlers called in this process (as the saga's
 * steps are), so the code that deploys is the code that runs.
 */
export async function startStreamMappings(
  options: StreamMappingsOptions,
): Promise<{ stop: () => Promise<void> }> {
  const { config } = options;
  const mappings = streamMappingsOf(config);
  const handlers = await loadBundledHandlers(config, options.buildDir, [
    ...new Set(mappings.map((mapping) => mapping.functionKey)),
  ]);
  const checkpoints = await openCheckpointStore(resolve(options.dataDir, 'checkpoints.json'));
  const streams = new DynamoDBStreamsClient({
    endpoint: options.dynamodbUrl,
    region: options.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const running: RunningMapping[] = mappings.map((settings) => {
    const fn = config.functions[settings.functionKey];
    const handler = handlers[settings.functionKey];
    if (!fn || typeof handler !== 'function') {
      throw new Error(`The stream mapping's function "${settings.functionKey}" has no handler`);
    }
    const functionArn = `arn:aws:lambda:${config.provider.region}:${config.custom.local.accountId}:function:${fn.name}`;
    return startEventSourceMapping({
      settings,
      functionArn,
      region: options.region,
      streams,
      checkpoints,
      onFailure: failureFile(failureFileOf(options.dataDir, settings.functionKey)),
      handler: (event) =>
        (handler as StreamLambda)(
          event,
          lambdaContext({
            functionName: fn.name,
            functionArn,
            timeoutSeconds: fn.timeout ?? config.provider.timeout ?? 6,
            runner: 'local',
          }),
        ),
      log: (message) => {
        console.error(`[streams] ${message}`);
      },
    });
  });
  return {
    async stop() {
      await Promise.all(running.map((mapping) => mapping.stop()));
      streams.destroy();
    },
  };
}
