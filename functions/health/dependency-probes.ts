import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { GetTopicAttributesCommand, type SNSClient } from '@aws-sdk/client-sns';
import { DependencyNotReady, type Probe } from './domain/readiness';

export interface DependencyNames {
  tables: Record<string, string>;
  stateMachineArn: string;
  topicArn: string;
  authIssuer: string;
}

export interface DependencyClients {
  dynamoDb: Pick<DynamoDBClient, 'send'>;
  sfn: Pick<SFNClient, 'send'>;
  sns: Pick<SNSClient, 'send'>;
  fetch: typeof fetch;
}

/**
 * One probe per dependency, each a read of metadata only (IAM: DescribeTable,
 * DescribeStateMachine, GetTopicAttributes; the signing keys are public). Check names:
 * `table:<context>`, `stateMachine`, `identityProvider`, `eventsTopic`.
 */
export const dependencyProbes = (
  names: DependencyNames,
  clients: DependencyClients,
): Record<string, Probe> => {
  const tableProbe =
    (tableName: string): Probe =>
    async () => {
      const { Table } = await clients.dynamoDb.send(
        new DescribeTableCommand({ TableName: tableName }),
      );
      if (Table?.TableStatus !== 'ACTIVE') {
        throw new DependencyNotReady(`table ${Table?.TableStatus ?? 'missing'}`);
      }
    };
  return {
    ...Object.fromEntries(
      Object.entries(names.tables).map(([context, tableName]) => [
        `table:${context}`,
        tableProbe(tableName),
      ]),
    ),
    stateMachine: async () => {
      const { status } = await clients.sfn.send(
        new DescribeStateMachineCommand({ stateMachineArn: names.stateMachineArn }),
      );
      if (status !== undefined && status !== 'ACTIVE') {
        throw new DependencyNotReady(`state machine ${status}`);
      }
    },
    identityProvider: async () => {
      const response = await clients.fetch(`${names.authIssuer}/.well-known/jwks.json`);
      if (!response.ok) throw new DependencyNotReady(`signing keys: HTTP ${response.status}`);
      const { keys } = (await response.json()) as { keys?: unknown };
      if (!Array.isArray(keys) || keys.length === 0) {
        throw new DependencyNotReady('no signing keys');
      }
    },
    eventsTopic: async () => {
      await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: names.topicArn }));
    },
  };
};
