import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { createOrderSagaStarter } from '../../../functions/orders/order-saga-starter';
import { sagaInput } from '../../support/saga-fixtures';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:shop-test-order-saga';

const clientThat = (send: (command: unknown) => Promise<unknown>) => {
  const mock = jest.fn(send);
  return { client: { send: mock } as unknown as SFNClient, send: mock };
};

const named = (name: string) => Object.assign(new Error(`${name} happened`), { name });

describe('the order saga starter', () => {
  it('starts an execution named by the order id with the saga input', async () => {
    const { client, send } = clientThat(() => Promise.resolve({ executionArn: 'arn' }));
    const input = sagaInput();

    await createOrderSagaStarter(ARN, client)(input);

    const command = send.mock.calls[0]?.[0] as StartExecutionCommand;
    expect(command).toBeInstanceOf(StartExecutionCommand);
    expect(command.input).toEqual({
      stateMachineArn: ARN,
      name: input.orderId,
      input: JSON.stringify(input),
    });
  });

  it('takes ExecutionAlreadyExists as started: an earlier attempt of this start went through', async () => {
    const { client } = clientThat(() => Promise.reject(named('ExecutionAlreadyExists')));

    await expect(createOrderSagaStarter(ARN, client)(sagaInput())).resolves.toBeUndefined();
  });

  it.each(['ThrottlingException', 'StateMachineDoesNotExist', 'TimeoutError'])(
    'fails with %s, which the placement handles',
    async (name) => {
      const { client } = clientThat(() => Promise.reject(named(name)));

      await expect(createOrderSagaStarter(ARN, client)(sagaInput())).rejects.toMatchObject({
        name,
      });
    },
  );
});
