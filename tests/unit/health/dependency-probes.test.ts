import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import {
  dependencyProbes,
  type DependencyClients,
} from '../../../functions/health/dependency-probes';
import { checkReadiness } from '../../../functions/health/domain/readiness';

const NAMES = {
  tables: { orders: 'shop-test-orders', users: 'shop-test-users' },
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:shop-test-order-saga',
  topicArn: 'arn:aws:sns:us-east-1:000000000000:shop-test-events',
  authIssuer: 'http://127.0.0.1:9229/local_shop',
};

const clients = (answer: (command: unknown) => unknown, keys: unknown = [{ kid: 'k' }]) => {
  const send = jest.fn((command: unknown) => Promise.resolve(answer(command)));
  const fetchKeys = jest.fn(() => Promise.resolve(Response.json({ keys })));
  const all: DependencyClients = {
    dynamoDb: { send },
    sfn: { send },
    sns: { send },
    fetch: fetchKeys,
  };
  return { all, send, fetchKeys };
};

const healthy = (command: unknown) => {
  if (command instanceof DescribeTableCommand) return { Table: { TableStatus: 'ACTIVE' } };
  if (command instanceof DescribeStateMachineCommand) return { status: 'ACTIVE' };
  return {};
};

describe('the dependency probes', () => {
  it('describe each table, the state machine and the topic, and read the signing keys', async () => {
    const { all, send, fetchKeys } = clients(healthy);

    const report = await checkReadiness(dependencyProbes(NAMES, all), 1000);

    expect(report).toEqual({
      ready: true,
      checks: {
        eventsTopic: 'ok',
        identityProvider: 'ok',
        stateMachine: 'ok',
        'table:orders': 'ok',
        'table:users': 'ok',
      },
    });
    const inputs = send.mock.calls.map(([command]) => (command as { input: unknown }).input);
    expect(inputs).toEqual(
      expect.arrayContaining([
        { TableName: 'shop-test-orders' },
        { TableName: 'shop-test-users' },
        { stateMachineArn: NAMES.stateMachineArn },
        { TopicArn: NAMES.topicArn },
      ]),
    );
    expect(send.mock.calls.some(([command]) => command instanceof GetTopicAttributesCommand)).toBe(
      true,
    );
    expect(fetchKeys).toHaveBeenCalledWith(`${NAMES.authIssuer}/.well-known/jwks.json`);
  });

  it('fails a table that is still being created and a pool without signing keys', async () => {
    const { all } = clients(
      (command) =>
        command instanceof DescribeTableCommand
          ? { Table: { TableStatus: 'CREATING' } }
          : healthy(command),
      [],
    );

    const { ready, checks } = await checkReadiness(dependencyProbes(NAMES, all), 1000);

    expect(ready).toBe(false);
    expect(checks).toMatchObject({
      'table:orders': 'table CREATING',
      identityProvider: 'no signing keys',
      stateMachine: 'ok',
    });
  });
});
