export interface ArnScope {
  region: string;
  accountId: string;
}

const STATE_MACHINE_ARN = /^arn:[a-z-]+:states:[^:]*:[^:]*:stateMachine:[^:]+$/;
const EXECUTION_ARN = /^arn:[a-z-]+:states:[^:]*:[^:]*:execution:[^:]+:[^:]+$/;

export const stateMachineArn = (scope: ArnScope, name: string): string =>
  `arn:aws:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;

export const executionArn = (scope: ArnScope, machineName: string, name: string): string =>
  `arn:aws:states:${scope.region}:${scope.accountId}:execution:${machineName}:${name}`;

// Step Functions never runs anything; the role only completes the API's shapes.
export const roleArn = (scope: ArnScope, machineName: string): string =>
  `arn:aws:iam::${scope.accountId}:role/${machineName}-role`;

export const isStateMachineArn = (value: string): boolean => STATE_MACHINE_ARN.test(value);

export const isExecutionArn = (value: string): boolean => EXECUTION_ARN.test(value);

// The AWS rules for state machine and execution names; they also keep a name
// from breaking an ARN apart (no ':').
const FORBIDDEN_CHARACTER = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/u;
const isControlCharacter = (character: string): boolean => {
  const code = character.codePointAt(0) ?? 0;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
};

export const isValidName = (value: string): boolean => {
  const characters = [...value];
  return (
    characters.length >= 1 &&
    characters.length <= 80 &&
    !FORBIDDEN_CHARACTER.test(value) &&
    !characters.some(isControlCharacter)
  );
};
