import type { Action } from './context';
import { describeExecution } from './describe-execution';
import { describeStateMachine } from './describe-state-machine';
import { describeStateMachineForExecution } from './describe-state-machine-for-execution';
import { getExecutionHistory } from './get-execution-history';
import { listExecutions } from './list-executions';
import { listStateMachines } from './list-state-machines';
import { listTagsForResource } from './list-tags-for-resource';
import { redriveExecution } from './redrive-execution';
import { startExecution } from './start-execution';
import { stopExecution } from './stop-execution';

export type { Action, ActionContext } from './context';

/** The X-Amz-Target actions this server answers, by name. */
export const actions: ReadonlyMap<string, Action> = new Map([
  ['StartExecution', startExecution],
  ['DescribeExecution', describeExecution],
  ['GetExecutionHistory', getExecutionHistory],
  ['ListExecutions', listExecutions],
  ['ListStateMachines', listStateMachines],
  ['DescribeStateMachine', describeStateMachine],
  ['DescribeStateMachineForExecution', describeStateMachineForExecution],
  ['ListTagsForResource', listTagsForResource],
  ['StopExecution', stopExecution],
  ['RedriveExecution', redriveExecution],
]);
