export { scaledClock, type Clock } from './clock';
export { StatesError } from './errors';
export {
  Execution,
  type ExecutionOptions,
  type ExecutionStatus,
  type ResumePoint,
  type SavedRun,
} from './execution';
export type { HistoryEvent, HistoryEventType, HistoryListener } from './history';
export type {
  StateMachineDefinition,
  TaskHandler,
  TaskHandlerContext,
  TaskHandlerResolver,
} from './types';
