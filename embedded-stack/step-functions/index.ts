// First: aws-local-stepfunctions needs Promise.withResolvers, missing on Node 20.
import './promise-with-resolvers-polyfill';

export { startStepFunctionsServer } from './server';
export type { LocalStateMachine, StepFunctionsServer, StepFunctionsServerOptions } from './types';
