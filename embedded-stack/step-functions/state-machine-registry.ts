import validateAsl from 'asl-validator';
import type { StateMachineDefinition } from './interpreter';
import { type ArnScope, isValidName, roleArn, stateMachineArn } from './arns';
import type { LocalStateMachine } from './types';

export interface RegisteredStateMachine {
  name: string;
  arn: string;
  roleArn: string;
  definition: StateMachineDefinition;
  definitionText: string;
  creationDate: Date;
  taskHandlers: LocalStateMachine['taskHandlers'];
  /** Task state name -> its Resource, as LambdaFunctionScheduled shows it. */
  taskResources: ReadonlyMap<string, string>;
}

const collectTaskResources = (
  states: StateMachineDefinition['States'],
  resources: Map<string, string>,
): Map<string, string> => {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') {
      resources.set(name, state.Resource ?? '');
    } else if (state.Type === 'Parallel') {
      for (const branch of state.Branches ?? []) collectTaskResources(branch.States, resources);
    } else if (state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) collectTaskResources(processor.States, resources);
    }
  }
  return resources;
};

// Validated before the interpreter sees it, which trusts the definition's shape.
// Resources need not be ARNs: they are never invoked, handlers run by state name.
const validatedDefinition = (machine: LocalStateMachine): StateMachineDefinition => {
  const result = validateAsl(machine.definition, { checkArn: false, checkPaths: true });
  if (!result.isValid) {
    throw new Error(
      `State machine '${machine.name}' has an invalid definition: ${result.errorsText('; ')}`,
    );
  }
  return machine.definition as unknown as StateMachineDefinition;
};

// Missing wiring fails at start, not at the first execution that reaches it:
// without a handler the interpreter would fail the execution with States.Runtime.
const assertHandlersMatchTasks = (
  machine: LocalStateMachine,
  taskResources: ReadonlyMap<string, string>,
): void => {
  const missing = [...taskResources.keys()].filter(
    (state) => !Object.hasOwn(machine.taskHandlers, state),
  );
  const unknown = Object.keys(machine.taskHandlers).filter((state) => !taskResources.has(state));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(
      `State machine '${machine.name}': Task states without a handler: [${missing.join(', ')}]; ` +
        `handlers for no Task state: [${unknown.join(', ')}]`,
    );
  }
};

const register = (scope: ArnScope, machine: LocalStateMachine): RegisteredStateMachine => {
  if (!isValidName(machine.name)) {
    throw new Error(`Invalid state machine name: '${machine.name}'`);
  }
  const definition = validatedDefinition(machine);
  const taskResources = collectTaskResources(definition.States, new Map());
  assertHandlersMatchTasks(machine, taskResources);
  return {
    name: machine.name,
    arn: stateMachineArn(scope, machine.name),
    roleArn: roleArn(scope, machine.name),
    definition,
    definitionText: JSON.stringify(machine.definition),
    creationDate: new Date(),
    taskHandlers: machine.taskHandlers,
    taskResources,
  };
};

export class StateMachineRegistry {
  private readonly byArn = new Map<string, RegisteredStateMachine>();

  constructor(scope: ArnScope, machines: readonly LocalStateMachine[]) {
    for (const machine of machines) {
      const registered = register(scope, machine);
      if (this.byArn.has(registered.arn)) {
        throw new Error(`Two state machines are named '${machine.name}'`);
      }
      this.byArn.set(registered.arn, registered);
    }
  }

  get(arn: string): RegisteredStateMachine | undefined {
    return this.byArn.get(arn);
  }

  list(): RegisteredStateMachine[] {
    return [...this.byArn.values()];
  }
}
