export { startStepFunctionsServer } from './server';
export type { LocalStateMachine, StepFunctionsServer, StepFunctionsServerOptions } from './types';
