import { resolve } from 'node:path';

/**
 * The test suite's own embedded stack: its ports differ from `npm start`'s defaults so the tests
 * can run while a developer's stack is up.
 */
export const ROOT = resolve(__dirname, '..', '..');
export const TEST_STACK_FILE = resolve(ROOT, '.local', 'test-stack.json');
export const TEST_STACK_LOG = resolve(ROOT, '.local', 'test-stack.log');

export const TEST_STACK_PORTS = {
  SHOP_HTTP_PORT: '3100',
  SHOP_LAMBDA_PORT: '3102',
  SHOP_SNS_PORT: '4102',
  SHOP_DYNAMODB_PORT: '8100',
  SHOP_SFN_PORT: '8183',
  SHOP_COGNITO_PORT: '9329',
};

export interface StackDetails {
  httpApiUrl: string;
  stepFunctionsUrl: string;
  dynamodbUrl: string;
  snsUrl: string;
  region: string;
  tables: string[];
  stateMachineArns: string[];
  environment: Record<string, string>;
  pids: number[];
}
