import {
  Execution,
  scaledClock,
  StatesError,
  type StateMachineDefinition,
} from '../../../embedded-stack/step-functions/interpreter';
import { sagaTaskInputSchema, type SagaTaskInput } from '../../../contracts/order-saga';
import { loadOrderSaga } from '../../support/order-saga-definition';

// The real ASL file run by our interpreter with stub steps: every step must get the saga task
// contract (contracts/order-saga.ts), and the path must be the one API.md gives.

const ORDER = {
  orderId: 'o-1',
  userId: 'u-1',
  items: [{ productId: 'p-1', quantity: 2 }],
  total: 500,
  currency: 'USD',
  deliverySlotId: 's-1',
};

type Script = Record<string, (call: number) => StatesError | undefined>;

const runSaga = async (script: Script = {}, input: Record<string, unknown> = ORDER) => {
  const definition = loadOrderSaga() as unknown as StateMachineDefinition;
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task')
      state.Resource = `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
  }
  const calls: { step: string; input: SagaTaskInput }[] = [];
  const execution = new Execution({
    definition,
    input,
    clock: scaledClock(0.001),
    resolveTask: (_resource, step) => (payload) => {
      const input = sagaTaskInputSchema.parse(payload);
      calls.push({ step, input });
      const error = script[step]?.(calls.filter((call) => call.step === step).length);
      return error ? Promise.reject(error) : Promise.resolve({ outcome: 'done' });
    },
  });
  await execution.start();
  return { execution, calls, steps: calls.map((call) => call.step) };
};

const fails = (error: string) => () => new StatesError(error, `${error} cause`);

describe('the order saga run by the interpreter', () => {
  it('runs the forward steps in order, each given the order and attempt 0', async () => {
    const { execution, calls, steps } = await runSaga();
    expect(execution.status).toBe('SUCCEEDED');
    expect(steps).toEqual([
      'ReservePayment',
      'ReserveStock',
      'BookDelivery',
      'CapturePayment',
      'ConfirmOrder',
    ]);
    expect(calls.map((call) => call.input)).toEqual(
      steps.map(() => ({ order: ORDER, attempt: 0, redriveCount: 0 })),
    );
  });

  it("goes straight to every undo step, never forward, when started with an error (the sweeper's)", async () => {
    const error = { Error: 'SagaNotRunning', Cause: 'The execution was ABORTED' };
    const { execution, calls, steps } = await runSaga({}, { ...ORDER, error });
    expect(execution.status).toBe('SUCCEEDED');
    expect(steps).toEqual(['CancelDelivery', 'ReleaseStock', 'ReleasePayment', 'CancelOrder']);
    expect(calls.map((call) => call.input)).toEqual(
      steps.map(() => ({ order: { ...ORDER, error }, attempt: 0, redriveCount: 0 })),
    );
  });

  it('retries a transient error, telling the step which attempt it is', async () => {
    const { execution, calls } = await runSaga({
      ReserveStock: (call) => (call === 1 ? new StatesError('TransientError', 'busy') : undefined),
    });
    expect(execution.status).toBe('SUCCEEDED');
    expect(
      calls.filter((call) => call.step === 'ReserveStock').map((call) => call.input.attempt),
    ).toEqual([0, 1]);
  });

  it('undoes a failed step and the ones before it, each undo given the order with the error', async () => {
    const { execution, calls, steps } = await runSaga({ BookDelivery: fails('SlotUnavailable') });
    expect(execution.status).toBe('SUCCEEDED');
    expect(steps).toEqual([
      'ReservePayment',
      'ReserveStock',
      'BookDelivery',
      'CancelDelivery',
      'ReleaseStock',
      'ReleasePayment',
      'CancelOrder',
    ]);
    const error = { Error: 'SlotUnavailable', Cause: 'SlotUnavailable cause' };
    expect(calls.slice(3).map((call) => call.input)).toEqual(
      steps.slice(3).map(() => ({ order: { ...ORDER, error }, attempt: 0, redriveCount: 0 })),
    );
  });

  it('undoes a declined payment, even though the first step is the one that failed', async () => {
    const { calls, steps } = await runSaga({ ReservePayment: fails('PaymentDeclined') });
    expect(steps).toEqual(['ReservePayment', 'ReleasePayment', 'CancelOrder']);
    expect(calls.at(-1)?.input.order).toEqual({
      ...ORDER,
      error: { Error: 'PaymentDeclined', Cause: 'PaymentDeclined cause' },
    });
  });

  it('fails the execution at an undo that keeps failing, with its error', async () => {
    const { execution, steps } = await runSaga({
      ReserveStock: fails('OutOfStock'),
      ReleaseStock: fails('Boom'),
    });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Boom', cause: 'Boom cause' });
    expect(steps.filter((step) => step === 'ReleaseStock')).toHaveLength(6);
    expect(steps.at(-1)).toBe('ReleaseStock');
  });

  it('runs the failed undo again on a redrive, told so, and the rest of the undo chain after it', async () => {
    let fixed = false;
    const { execution, calls } = await runSaga({
      ReserveStock: fails('OutOfStock'),
      ReleaseStock: () => (fixed ? undefined : new StatesError('Boom', 'Boom cause')),
    });
    const before = calls.length;
    fixed = true;
    await execution.redrive();
    expect(execution).toMatchObject({ status: 'SUCCEEDED' });
    const error = { Error: 'OutOfStock', Cause: 'OutOfStock cause' };
    expect(calls.slice(before)).toEqual(
      ['ReleaseStock', 'ReleasePayment', 'CancelOrder'].map((step) => ({
        step,
        input: { order: { ...ORDER, error }, attempt: 0, redriveCount: 1 },
      })),
    );
  });
});
