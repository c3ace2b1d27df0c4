import { sagaTraceOf, type HistoryEventLike } from '../../../../functions/orders/domain/saga-trace';

let clock = Date.parse('2030-01-01T00:00:00Z');
const at = (): Date => new Date((clock += 1000));
const event = (type: string, details: Partial<HistoryEventLike> = {}): HistoryEventLike => ({
  type,
  timestamp: at(),
  ...details,
});
const entered = (type: string, name: string) =>
  event(`${type}StateEntered`, { stateEnteredEventDetails: { name } });
const exited = (type: string) => event(`${type}StateExited`);
const lambdaOk = () => [
  event('LambdaFunctionScheduled'),
  event('LambdaFunctionStarted'),
  event('LambdaFunctionSucceeded'),
];
const lambdaFails = (error: string) => [
  event('LambdaFunctionScheduled'),
  event('LambdaFunctionStarted'),
  event('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error } }),
];
const task = (name: string) => [entered('Task', name), ...lambdaOk(), exited('Task')];

const summary = (events: HistoryEventLike[]) =>
  sagaTraceOf('o-1', 'arn:exec', events).steps.map(({ state, status, error }) =>
    error ? `${state}:${status}:${error}` : `${state}:${status}`,
  );

describe('sagaTraceOf', () => {
  it('lists each state of a successful saga with its times, and the execution SUCCEEDED', () => {
    const events = [
      event('ExecutionStarted'),
      ...task('ReservePayment'),
      entered('Succeed', 'OrderConfirmed'),
      exited('Succeed'),
      event('ExecutionSucceeded'),
    ];

    const trace = sagaTraceOf('o-1', 'arn:exec', events);

    expect(trace).toMatchObject({ orderId: 'o-1', executionId: 'arn:exec', status: 'SUCCEEDED' });
    expect(trace.startedAt).toBe(events[0]?.timestamp?.toISOString());
    expect(trace.endedAt).toBe(events.at(-1)?.timestamp?.toISOString());
    expect(trace.steps).toEqual([
      {
        state: 'ReservePayment',
        type: 'Task',
        status: 'SUCCEEDED',
        startedAt: events[1]?.timestamp?.toISOString(),
        endedAt: events[5]?.timestamp?.toISOString(),
      },
      expect.objectContaining({ state: 'OrderConfirmed', type: 'Succeed', status: 'SUCCEEDED' }),
    ]);
  });

  it('shows a failed attempt that was retried as a RETRIED step of its own, then the attempt that passed', () => {
    const events = [
      event('ExecutionStarted'),
      entered('Task', 'ReserveStock'),
      ...lambdaFails('TransientError'),
      ...lambdaOk(),
      exited('Task'),
    ];

    expect(summary(events)).toEqual([
      'ReserveStock:RETRIED:TransientError',
      'ReserveStock:SUCCEEDED',
    ]);
  });

  it('shows a step whose error went to a Catch as CAUGHT with the error name', () => {
    const events = [
      event('ExecutionStarted'),
      entered('Task', 'BookDelivery'),
      ...lambdaFails('SlotUnavailable'),
      exited('Task'),
      ...task('CancelDelivery'),
    ];

    expect(summary(events)).toEqual([
      'BookDelivery:CAUGHT:SlotUnavailable',
      'CancelDelivery:SUCCEEDED',
    ]);
  });

  it('marks the Fail state the execution ended in FAILED, and the execution FAILED', () => {
    const events = [
      event('ExecutionStarted'),
      entered('Fail', 'CompensationFailed'),
      event('ExecutionFailed', { executionFailedEventDetails: { error: 'CompensationFailed' } }),
    ];

    const trace = sagaTraceOf('o-1', 'arn:exec', events);

    expect(trace.status).toBe('FAILED');
    expect(summary(events)).toEqual(['CompensationFailed:FAILED:CompensationFailed']);
  });

  it('goes on after a redrive: the undo that failed, then its rerun, and the execution SUCCEEDED', () => {
    const failedRun = [
      event('ExecutionStarted'),
      entered('Task', 'CancelDelivery'),
      ...lambdaFails('TransientError'),
      event('ExecutionFailed', { executionFailedEventDetails: { error: 'TransientError' } }),
    ];
    const redriven = [event('ExecutionRedriven'), ...task('CancelDelivery')];

    expect(sagaTraceOf('o-1', 'arn:exec', [...failedRun, ...redriven])).toMatchObject({
      status: 'RUNNING',
    });
    expect(sagaTraceOf('o-1', 'arn:exec', [...failedRun, ...redriven])).not.toHaveProperty(
      'endedAt',
    );
    const ended = [...failedRun, ...redriven, event('ExecutionSucceeded')];
    expect(sagaTraceOf('o-1', 'arn:exec', ended).status).toBe('SUCCEEDED');
    // API.md: when it was redriven, so a timeline can show it between the two runs.
    expect(sagaTraceOf('o-1', 'arn:exec', ended).redrivenAt).toEqual([
      redriven[0]?.timestamp?.toISOString(),
    ]);
    expect(sagaTraceOf('o-1', 'arn:exec', failedRun)).not.toHaveProperty('redrivenAt');
    expect(summary(ended)).toEqual([
      'CancelDelivery:FAILED:TransientError',
      'CancelDelivery:SUCCEEDED',
    ]);
  });

  it('is RUNNING, with no end, while the execution goes on, listing only finished steps', () => {
    const events = [
      event('ExecutionStarted'),
      ...task('ReservePayment'),
      entered('Task', 'ReserveStock'),
    ];

    const trace = sagaTraceOf('o-1', 'arn:exec', events);

    expect(trace.status).toBe('RUNNING');
    expect(trace.endedAt).toBeUndefined();
    expect(summary(events)).toEqual(['ReservePayment:SUCCEEDED']);
  });
});
