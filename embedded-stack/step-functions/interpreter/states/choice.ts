/**
 * A Choice state picks the first rule that matches, else Default, else fails with
 * States.NoChoiceMatched. JSONata rules are `Condition` expressions and may carry
 * their own Assign and Output.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 */
import { ruleMatches } from '../choice-rules';
import { StatesError } from '../errors';
import type { DataFlow, Outcome, StateData } from '../data-flow';
import type { ChoiceRule } from '../types';

export interface ChoiceOutcome extends Outcome {
  next: string;
}

const matchingRule = async (
  data: StateData,
  flow: DataFlow,
  jsonata: boolean,
): Promise<ChoiceRule | undefined> => {
  for (const rule of data.state.Choices ?? []) {
    const matched = jsonata
      ? (await flow.evaluate(data, rule.Condition)) === true
      : ruleMatches(rule, { input: data.input, context: data.context, variables: data.variables });
    if (matched) return rule;
  }
  return undefined;
};

export const runChoice = async (
  data: StateData,
  flow: DataFlow,
  jsonata: boolean,
): Promise<ChoiceOutcome> => {
  const rule = await matchingRule(data, flow, jsonata);
  const next = rule?.Next ?? data.state.Default;
  if (next === undefined) {
    throw new StatesError(
      'States.NoChoiceMatched',
      'No Choice rule matched and there is no Default',
    );
  }
  const assign = rule ? rule.Assign : data.state.Assign;
  const withRuleOutput: StateData =
    rule?.Output === undefined ? data : { ...data, state: { ...data.state, Output: rule.Output } };
  const outcome = await flow.withoutResult(withRuleOutput, assign);
  return { ...outcome, next };
};
