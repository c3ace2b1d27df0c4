import validateAsl from 'asl-validator';
import {
  loadOrderSaga,
  longestRetryWaitMs,
  type AslDefinition,
  type AslState,
} from '../../support/order-saga-definition';

const FORWARD = [
  'ReservePayment',
  'ReserveStock',
  'BookDelivery',
  'CapturePayment',
  'ConfirmOrder',
];
const UNDO = ['CancelDelivery', 'ReleaseStock', 'ReleasePayment', 'CancelOrder'];
const BUSINESS_ERRORS = ['PaymentDeclined', 'OutOfStock', 'SlotUnavailable'];
const KEEP_ERROR = '{% $states.errorOutput %}';
const ATTEMPT = '{% $states.context.State.RetryCount %}';
const REDRIVE_COUNT = '{% $states.context.Execution.RedriveCount %}';

// API.md: a failure at a step runs the undo of that step and of every step before it;
// CapturePayment and ConfirmOrder enter at CancelDelivery.
const UNDO_ENTRY: Record<string, string> = {
  ReservePayment: 'ReleasePayment',
  ReserveStock: 'ReleaseStock',
  BookDelivery: 'CancelDelivery',
  CapturePayment: 'CancelDelivery',
  ConfirmOrder: 'CancelDelivery',
};

/** Follows Next from `from` through Task states only, as a chain of names. */
function chainFrom(definition: AslDefinition, from: string): string[] {
  const chain: string[] = [];
  for (let name: string | undefined = from; name;) {
    const state: AslState | undefined = definition.States[name];
    if (!state || state.Type !== 'Task') break;
    chain.push(name);
    name = state.Next;
  }
  return chain;
}

describe('statemachines/order-saga.asl.yml', () => {
  const definition = loadOrderSaga();

  it('is valid Amazon States Language according to asl-validator', () => {
    const result = validateAsl(definition);
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('runs the forward steps in the order API.md gives', () => {
    expect(definition.StartAt).toBe('NewOrStuck');
    expect(definition.States.NewOrStuck?.Default).toBe('ReservePayment');
    expect(chainFrom(definition, 'ReservePayment')).toEqual(FORWARD);
  });

  it("sends an input that carries an error (the sweeper's) straight to the whole undo chain", () => {
    expect(definition.States.NewOrStuck).toEqual({
      Type: 'Choice',
      Choices: [
        {
          Condition: '{% $exists($states.input.error) %}',
          Assign: { order: '{% $states.input %}', error: '{% $states.input.error %}' },
          Next: 'CancelDelivery',
        },
      ],
      Default: 'ReservePayment',
      QueryLanguage: 'JSONata',
    });
  });

  it.each(FORWARD)(
    'catches every error of %s, keeps it in $error, and enters the undo chain at its own undo',
    (step) => {
      const catchers = definition.States[step]?.Catch ?? [];
      expect(catchers).toHaveLength(1);
      expect(catchers[0]).toMatchObject({
        ErrorEquals: ['States.ALL'],
        Assign: { error: KEEP_ERROR },
        Next: UNDO_ENTRY[step],
      });
    },
  );

  it('undoes in reverse order, ending with CancelOrder', () => {
    expect(chainFrom(definition, 'CancelDelivery')).toEqual(UNDO);
    expect(definition.States.CancelOrder?.Next).toBe('OrderCancelled');
    expect(definition.States.OrderCancelled?.Type).toBe('Succeed');
  });

  it.each(FORWARD)(
    'retries %s on transient errors with backoff and jitter, never on business errors',
    (step) => {
      const retriers = definition.States[step]?.Retry ?? [];
      expect(retriers.length).toBeGreaterThan(0);
      for (const retrier of retriers) {
        expect(retrier.JitterStrategy).toBe('FULL');
        expect(retrier.BackoffRate).toBeGreaterThan(1);
        expect(retrier.ErrorEquals).not.toContain('States.ALL');
        for (const error of BUSINESS_ERRORS) expect(retrier.ErrorEquals).not.toContain(error);
      }
      expect(retriers.flatMap((retrier) => retrier.ErrorEquals)).toContain(
        'Lambda.TooManyRequestsException',
      );
    },
  );

  it.each(UNDO)('retries %s on every error', (step) => {
    const [retrier] = definition.States[step]?.Retry ?? [];
    expect(retrier?.ErrorEquals).toEqual(['States.ALL']);
    expect(retrier?.MaxAttempts).toBeGreaterThanOrEqual(5);
  });

  it("waits at most 7 s in all for a forward step's retries and 15 s for an undo step's", () => {
    // 1 + 2 + 4 s; 1 + 2 + 4 + 4 + 4 s (MaxDelaySeconds 4): what the failure tests allow for.
    expect(FORWARD.map((step) => longestRetryWaitMs(step, definition))).toEqual(
      FORWARD.map(() => 7_000),
    );
    expect(UNDO.map((step) => longestRetryWaitMs(step, definition))).toEqual(
      UNDO.map(() => 15_000),
    );
  });

  it.each(UNDO)(
    'fails the execution at %s when it finally fails, where a redrive resumes (no Catch)',
    (step) => {
      expect(definition.States[step]?.Catch).toBeUndefined();
    },
  );

  it('has no Fail state and no other Task than the forward and undo steps', () => {
    expect(
      Object.entries(definition.States)
        .filter(([, state]) => state.Type === 'Task' || state.Type === 'Fail')
        .map(([name]) => name),
    ).toEqual([...FORWARD, ...UNDO]);
  });

  it('is written in JSONata, and the first step assigns the order once, however it ends', () => {
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(definition.States.ReservePayment?.Assign).toEqual({ order: '{% $states.input %}' });
    expect(definition.States.ReservePayment?.Catch?.[0]?.Assign).toEqual({
      order: '{% $states.input %}',
      error: KEEP_ERROR,
    });
  });

  it.each(FORWARD.slice(1))('gives %s the order, the attempt and redrive numbers', (step) => {
    expect(definition.States[step]?.Arguments).toEqual({
      order: '{% $order %}',
      attempt: ATTEMPT,
      redriveCount: REDRIVE_COUNT,
    });
  });

  it.each(UNDO)(
    'gives %s the order with the error that started the undo, the attempt and redrive numbers',
    (step) => {
      expect(definition.States[step]?.Arguments).toEqual({
        order: "{% $merge([$order, {'error': $error}]) %}",
        attempt: ATTEMPT,
        redriveCount: REDRIVE_COUNT,
      });
    },
  );
});
