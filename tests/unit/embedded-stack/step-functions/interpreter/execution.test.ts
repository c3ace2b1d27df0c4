import { Execution, scaledClock } from '../../../../../embedded-stack/step-functions/interpreter';
import type {
  HistoryEvent,
  StateMachineDefinition,
} from '../../../../../embedded-stack/step-functions/interpreter';

const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:work';

describe('Execution', () => {
  it('links each event to the one before it on its own branch', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
          ],
        },
      },
    };
    const execution = new Execution({ definition, resolveTask: () => undefined });
    await execution.start();
    const events = execution.history.list();
    const byId = new Map(events.map((event) => [event.id, event]));
    const exitedOf = (name: string): HistoryEvent | undefined =>
      events.find((e) => e.type === 'PassStateExited' && e.details?.name === name);
    const enteredOf = (name: string): HistoryEvent | undefined =>
      events.find((e) => e.type === 'PassStateEntered' && e.details?.name === name);
    expect(events.map((e) => e.id)).toEqual(events.map((_e, index) => index + 1));
    expect(byId.get(enteredOf('A')?.previousEventId ?? 0)?.type).toBe('ParallelStateStarted');
    expect(byId.get(enteredOf('B')?.previousEventId ?? 0)?.type).toBe('ParallelStateStarted');
    expect(exitedOf('A')?.previousEventId).toBe(enteredOf('A')?.id);
    expect(exitedOf('B')?.previousEventId).toBe(enteredOf('B')?.id);
  });

  it('refuses to redrive an execution that succeeded', async () => {
    const execution = new Execution({
      definition: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } },
      resolveTask: () => undefined,
    });
    await execution.start();
    expect(() => execution.redrive()).toThrow(
      expect.objectContaining({ error: 'ExecutionNotRedrivable' }) as Error,
    );
  });

  it('tells a running task handler to stop when the execution is stopped', async () => {
    let handlerSignal: AbortSignal | undefined;
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const execution = new Execution({
      definition: {
        StartAt: 'Work',
        States: { Work: { Type: 'Task', Resource: LAMBDA, End: true } },
      },
      clock: scaledClock(0.001),
      resolveTask:
        () =>
        (_input, { signal }) => {
          handlerSignal = signal;
          started();
          return new Promise(() => undefined);
        },
    });
    const done = execution.start();
    await running;
    await execution.stop();
    await done;
    expect(execution.status).toBe('ABORTED');
    expect(handlerSignal?.aborted).toBe(true);
  });

  it('gives every event to the listener as it is appended', async () => {
    const seen: string[] = [];
    const execution = new Execution({
      definition: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } },
      resolveTask: () => undefined,
      onEvent: (event) => seen.push(event.type),
    });
    await execution.start();
    expect(seen).toEqual([
      'ExecutionStarted',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
  });
});
