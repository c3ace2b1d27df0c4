import type { StateMachine } from 'aws-local-stepfunctions';
import type { LibraryEvent } from './library-types';

// Why a hook: aws-local-stepfunctions publishes its events (StateEntered, ...)
// only through `eventLogs`, an async generator that a consumer drains some
// microtasks after the fact, while our task handler wrappers write their
// Lambda events synchronously, in the middle of the library's flow. Merging the
// two streams afterwards would put LambdaFunctionScheduled before the
// TaskStateEntered it belongs to. So we listen where the library's events are
// born: each run's EventLogger.dispatch(), a synchronous method the library
// reaches through StateMachine's private execute(input, { eventLogger }).
// Every event, the library's and ours, is then appended to the one history at
// the instant it happens, on the one JavaScript thread: append order is the
// true order.

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

const isLibraryEvent = (value: unknown): value is LibraryEvent =>
  isObject(value) && typeof Reflect.get(value, 'type') === 'string';

const libraryChanged = (what: string): Error =>
  new Error(`aws-local-stepfunctions internals changed (${what}); history cannot be recorded`);

const listenToLogger = (options: unknown, listener: (event: LibraryEvent) => void): void => {
  const logger: unknown = isObject(options) ? Reflect.get(options, 'eventLogger') : undefined;
  const dispatch: unknown = isObject(logger) ? Reflect.get(logger, 'dispatch') : undefined;
  if (!isObject(logger) || typeof dispatch !== 'function') {
    throw libraryChanged('EventLogger.dispatch');
  }
  Reflect.set(logger, 'dispatch', (event: unknown): void => {
    if (isLibraryEvent(event)) listener(event);
    Reflect.apply(dispatch, logger, [event]);
  });
};

/** Calls `listener` synchronously for every event this machine's runs dispatch. */
export const onEveryDispatchedEvent = (
  machine: StateMachine,
  listener: (event: LibraryEvent) => void,
): void => {
  const execute: unknown = Reflect.get(machine, 'execute');
  if (typeof execute !== 'function') throw libraryChanged('StateMachine.execute');
  Reflect.set(machine, 'execute', (...args: unknown[]): unknown => {
    listenToLogger(args[1], listener);
    const result: unknown = Reflect.apply(execute, machine, args);
    return result;
  });
};
