import type { CloudFormationTemplate } from '../../support/packaged-template';
import { getAttArnOf, IamReader } from './iam-grants';

// Least privilege, checked on the template `sls package` writes: every function has a role of its
// own (serverless-iam-roles-per-function, iamRoleStatements in functions/<context>/functions.yml)
// that reaches its own context's table and nothing of another context's, and only the topic, saga
// or read APIs it uses. Grants read `<action> on <resource>` (see iam-grants.ts for the names).
// packaged-template.test.ts runs these on the template it packages for each stage, so each stage
// is packaged once.

const onTable = (context: string, ...operations: string[]) =>
  operations.map((operation) => `dynamodb:${operation} on table/${context}`);
const queryIndexes = (context: string) => [`dynamodb:Query on table/${context}/index/*`];
const invoke = (...functionKeys: string[]) =>
  functionKeys.map((key) => `lambda:InvokeFunction on function/${key}`);
const PUBLISH_EVENTS = 'sns:Publish on topic/events';
const START_SAGA = 'states:StartExecution on stateMachine/order-saga';
const READ_SAGA_HISTORY = 'states:GetExecutionHistory on executions/order-saga';
const DESCRIBE_SAGA = 'states:DescribeStateMachine on stateMachine/order-saga';
const DESCRIBE_EXECUTIONS_MACHINE =
  'states:DescribeStateMachineForExecution on executions/order-saga';
const REDRIVE_SAGA = 'states:RedriveExecution on executions/order-saga';
const DESCRIBE_SAGA_EXECUTIONS = 'states:DescribeExecution on executions/order-saga';
const CONFIRM_SIGN_UP = 'cognito-idp:AdminConfirmSignUp on userPool/UserPool';
// What an event source mapping needs of a table's stream (the publisher's role reads it).
const STREAM_ACTIONS = ['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'].map(
  (operation) => `dynamodb:${operation}`,
);
/**
 * An outbox publisher (functions/outbox/): one table's stream, the events topic, and its own
 * failure queue (the mapping's on-failure destination, sent to with the function's role).
 */
const publisherOf = (table: string, queue: string) => [
  ...STREAM_ACTIONS.map((action) => `${action} on stream/${table}`),
  PUBLISH_EVENTS,
  `sqs:SendMessage on queue/${queue}`,
];
// CloudWatch's metric reads take no resource-level permissions: '*' is the only resource.
const READ_METRICS_DATA = 'cloudwatch:GetMetricData on *';
const LIST_METRICS = 'cloudwatch:ListMetrics on *';
const DESCRIBE_TOPIC = 'sns:GetTopicAttributes on topic/events';
const CONTEXTS = [
  'users',
  'catalog',
  'inventory',
  'payments',
  'delivery',
  'orders',
  'notifications',
];

// TransactGetItems is authorised as GetItem of each item, TransactWriteItems as PutItem /
// UpdateItem / DeleteItem / ConditionCheckItem of each: the lists below name those.
const READ = 'GetItem';
// Read, then put a new item (or a tombstone) and update others: the saga steps' pattern.
const READ_PUT_UPDATE = [READ, 'PutItem', 'UpdateItem'];

/**
 * Which function may touch what, beyond its own logs and X-Ray. Every function of the template
 * needs its entry here, and gets exactly it: a new function without one fails, and so does a
 * grant added to or missing from a functions.yml. `sagaStep`: a Task the order saga invokes.
 */
const ACCESS: Record<string, { grants: string[]; sagaStep?: true }> = {
  getHealth: { grants: [] },
  getOpenApi: { grants: [] },
  getReadiness: {
    grants: [
      ...CONTEXTS.map((context) => `dynamodb:DescribeTable on table/${context}`),
      DESCRIBE_SAGA,
      DESCRIBE_TOPIC,
    ],
  },
  routeNotFound: { grants: [] },

  registerUser: {
    grants: [...onTable('users', READ, 'PutItem'), CONFIRM_SIGN_UP],
  },
  loginUser: { grants: [] },
  getProfile: { grants: onTable('users', READ) },
  updateProfile: { grants: onTable('users', READ, 'UpdateItem') },
  listAdmins: { grants: ['cognito-idp:ListUsersInGroup on userPool/UserPool'] },

  listProducts: { grants: queryIndexes('catalog') },
  getProduct: { grants: onTable('catalog', READ) },
  createProduct: { grants: onTable('catalog', 'PutItem') },
  updateProduct: { grants: onTable('catalog', 'UpdateItem') },
  quoteProducts: { grants: onTable('catalog', READ) },

  getStockLevel: { grants: [...onTable('inventory', READ), ...invoke('quoteProducts')] },
  setStockLevel: {
    grants: [...onTable('inventory', READ, 'UpdateItem'), ...invoke('quoteProducts')],
  },
  reserveStock: { grants: onTable('inventory', ...READ_PUT_UPDATE), sagaStep: true },
  releaseStock: { grants: onTable('inventory', ...READ_PUT_UPDATE), sagaStep: true },
  openStock: { grants: onTable('inventory', READ, 'PutItem') },

  getWallet: { grants: onTable('payments', READ) },
  createDeposit: { grants: onTable('payments', ...READ_PUT_UPDATE, 'DeleteItem') },
  createWithdrawal: { grants: onTable('payments', ...READ_PUT_UPDATE, 'DeleteItem') },
  listTransactions: { grants: onTable('payments', 'Query') },
  reservePayment: { grants: onTable('payments', ...READ_PUT_UPDATE), sagaStep: true },
  capturePayment: { grants: onTable('payments', ...READ_PUT_UPDATE), sagaStep: true },
  releasePayment: { grants: onTable('payments', ...READ_PUT_UPDATE), sagaStep: true },
  openWallet: { grants: onTable('payments', READ, 'PutItem') },

  listSlots: { grants: queryIndexes('delivery') },
  createSlot: { grants: onTable('delivery', 'PutItem') },
  bookDelivery: { grants: onTable('delivery', ...READ_PUT_UPDATE), sagaStep: true },
  cancelDelivery: { grants: onTable('delivery', ...READ_PUT_UPDATE), sagaStep: true },
  describeSlot: { grants: onTable('delivery', READ) },

  placeOrder: {
    grants: [
      ...onTable('orders', ...READ_PUT_UPDATE, 'DeleteItem'),
      ...invoke('quoteProducts', 'describeSlot'),
      START_SAGA,
    ],
  },
  getOrder: { grants: onTable('orders', READ) },
  listOrders: { grants: queryIndexes('orders') },
  getSagaTrace: { grants: [...onTable('orders', READ), READ_SAGA_HISTORY] },
  getOrderSagaDefinition: { grants: [...onTable('orders', READ), DESCRIBE_EXECUTIONS_MACHINE] },
  listAllOrders: { grants: queryIndexes('orders') },
  getSagaDefinition: { grants: [DESCRIBE_SAGA] },
  sweepStuckOrders: {
    grants: [
      'dynamodb:Query on table/orders/index/byStatus',
      ...onTable('orders', READ),
      DESCRIBE_SAGA_EXECUTIONS,
      START_SAGA,
    ],
  },
  confirmOrder: { grants: onTable('orders', READ, 'PutItem', 'UpdateItem'), sagaStep: true },
  cancelOrder: { grants: onTable('orders', READ, 'PutItem', 'UpdateItem'), sagaStep: true },
  // Called by EventBridge when an execution of the saga failed, not by the saga.
  markCompensationFailed: { grants: onTable('orders', READ, 'PutItem', 'UpdateItem') },
  redriveOrder: { grants: [...onTable('orders', READ), REDRIVE_SAGA] },

  listNotifications: { grants: onTable('notifications', 'Query') },
  recordNotification: { grants: [...onTable('notifications', 'PutItem'), ...invoke('listAdmins')] },

  publishUserEvents: { grants: publisherOf('users', 'user-events-failed') },
  publishCatalogEvents: { grants: publisherOf('catalog', 'catalog-events-failed') },
  publishOrderEvents: { grants: publisherOf('orders', 'order-events-failed') },
  publishPaymentEvents: { grants: publisherOf('payments', 'payment-events-failed') },
  getMetrics: { grants: [READ_METRICS_DATA, LIST_METRICS] },
};

/** What the framework gives every function: its own log group, and X-Ray for tracing. */
const baseline = (functionKey: string) => [
  `logs:CreateLogGroup on log-group/${functionKey}`,
  `logs:CreateLogStream on log-group/${functionKey}`,
  `logs:PutLogEvents on log-group/${functionKey}`,
  'xray:PutTelemetryRecords on *',
  'xray:PutTraceSegments on *',
];

const DYNAMODB_DATA_ACTIONS = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'ConditionCheckItem',
  'Query',
].map((operation) => `dynamodb:${operation}`);
const XRAY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
/** The other contexts' read APIs (contracts/internal-calls.ts). */
const INTERNAL_FUNCTIONS = ['quoteProducts', 'describeSlot', 'listAdmins'];

/**
 * The rules, independent of the table above: why a grant of a function of `context` is not
 * allowed, or undefined when it is.
 */
function ruleBroken(grant: string, functionKey: string, context: string): string | undefined {
  const [action = '', resource = ''] = grant.split(' on ');
  const service = action.split(':')[0];
  switch (service) {
    case 'dynamodb':
      // A table's metadata, not its data: how readiness sees every table.
      if (action === 'dynamodb:DescribeTable' && resource.startsWith('table/'))
        return functionKey === 'getReadiness' ? undefined : 'only readiness describes tables';
      if (resource.startsWith('stream/')) {
        if (context !== 'outbox') return 'only an outbox publisher reads a stream';
        return STREAM_ACTIONS.includes(action) ? undefined : 'only reading the stream';
      }
      if (!DYNAMODB_DATA_ACTIONS.includes(action)) return 'not a data action the shop uses';
      if (resource === `table/${context}`) return undefined;
      if (resource.startsWith(`table/${context}/index/`))
        return action === 'dynamodb:Query' ? undefined : 'only a query reads an index';
      return `not the ${context} context's table`;
    case 'sns':
      // The topic's metadata: how readiness sees the topic.
      if (grant === DESCRIBE_TOPIC)
        return functionKey === 'getReadiness' ? undefined : 'only readiness describes the topic';
      if (context !== 'outbox') return 'no handler publishes: events go through the outbox';
      return grant === PUBLISH_EVENTS ? undefined : 'only publishing on the events topic';
    case 'sqs':
      return context === 'outbox' &&
        action === 'sqs:SendMessage' &&
        /^queue\/[a-z]+-events-failed$/.test(resource)
        ? undefined
        : "only parking a publisher's failed batch on its queue";
    case 'states':
      return [
        START_SAGA,
        READ_SAGA_HISTORY,
        REDRIVE_SAGA,
        DESCRIBE_SAGA,
        DESCRIBE_EXECUTIONS_MACHINE,
        DESCRIBE_SAGA_EXECUTIONS,
      ].includes(grant)
        ? undefined
        : 'only starting, describing or redriving the order saga, or reading its executions';
    case 'lambda':
      return action === 'lambda:InvokeFunction' &&
        INTERNAL_FUNCTIONS.some((key) => resource === `function/${key}`)
        ? undefined
        : 'only invoking the read APIs';
    case 'cognito-idp':
      return resource === 'userPool/UserPool' ? undefined : 'only the user pool';
    case 'logs':
      return resource === `log-group/${functionKey}` ? undefined : 'only its own log group';
    case 'xray':
      return XRAY_ACTIONS.includes(action) ? undefined : 'only sending traces';
    case 'cloudwatch':
      return grant === READ_METRICS_DATA || grant === LIST_METRICS
        ? undefined
        : 'only reading metrics';
    default:
      return 'a service the shop does not use';
  }
}

// serverless-step-functions' role for a state machine's logging and tracing configuration: these
// actions do not take resource-level permissions.
const STATE_MACHINE_SERVICE_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
];

/** The keys of the functions a state machine's Tasks invoke, from its packaged definition. */
function taskFunctionsOf(reader: IamReader, definitionString: unknown): string[] {
  const [text, substitutions = {}] = (
    definitionString as { 'Fn::Sub': [string, Record<string, unknown>?] }
  )['Fn::Sub'];
  const keys: string[] = [];
  const visit = (states: Record<string, Record<string, unknown>>) => {
    for (const state of Object.values(states)) {
      if (state.Type === 'Task') {
        const variable = /^\$\{(\w+)\}$/.exec(String(state.Resource))?.[1] ?? '';
        const functionId = getAttArnOf(substitutions[variable]);
        keys.push(
          functionId ? reader.functionKey(functionId) : `unrecognised ${String(state.Resource)}`,
        );
      }
      const nested = [
        ...((state.Branches as { States: typeof states }[] | undefined) ?? []),
        ...['Iterator', 'ItemProcessor'].flatMap((name) =>
          state[name] ? [state[name] as { States: typeof states }] : [],
        ),
      ];
      for (const machine of nested) visit(machine.States);
    }
  };
  visit((JSON.parse(text) as { States: Record<string, Record<string, unknown>> }).States);
  return [...new Set(keys)].sort();
}

// IAM takes role names of up to 64 characters. serverless-iam-roles-per-function names a function's
// role <service>-<stage>-<function key>-<region>-lambdaRole, drops -lambdaRole when that is too
// long, and fails `sls package` when even that is: in a region with a long name first. So each
// name is checked as it would be in the longest region there is, the way the plugin shortens it.
const MAX_ROLE_NAME = 64;
const LONGEST_REGION = 'ap-southeast-2';
const SUFFIX = '-lambdaRole';

function roleNameInLongestRegion(name: unknown): string {
  if (typeof name === 'string') return name;
  const join = (name as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (!join) return `unresolvable ${JSON.stringify(name)}`;
  const resolved = join[1]
    .map((part) =>
      typeof part === 'string'
        ? part
        : (part as { Ref?: string }).Ref === 'AWS::Region'
          ? LONGEST_REGION
          : `unresolvable ${JSON.stringify(part)}`,
    )
    .join(join[0]);
  return resolved.length > MAX_ROLE_NAME && resolved.endsWith(SUFFIX)
    ? resolved.slice(0, -SUFFIX.length)
    : resolved;
}

/** The least-privilege tests of the template of `stage` (packaged by the caller's beforeAll). */
// Not a test file itself (no .test.ts): packaged-template.test.ts runs these in its describe.each.
export function describeLeastPrivilege(stage: string, packaged: () => CloudFormationTemplate) {
  describe('least privilege', () => {
    let template: CloudFormationTemplate;
    let reader: IamReader;
    let functions: { id: string; key: string; context: string; role: string }[];

    beforeAll(() => {
      template = packaged();
      reader = new IamReader(template, stage);
      functions = reader.resourcesOfType('AWS::Lambda::Function').map(([id]) => ({
        id,
        key: reader.functionKey(id),
        context: reader.contextOf(id),
        role: reader.roleOf(id, 'Role'),
      }));
    });

    it('gives every function a role of its own, which only Lambda may assume', () => {
      expect(functions.length).toBeGreaterThan(0);
      const roles = functions.map(({ role }) => role);
      expect(new Set(roles).size).toBe(functions.length);
      // The framework's shared role, which a function without iamRoleStatements would fall back to.
      expect(roles).not.toContain('IamRoleLambdaExecution');
      const stateMachineRoles = reader
        .resourcesOfType('AWS::StepFunctions::StateMachine')
        .map(([id]) => reader.roleOf(id, 'RoleArn'));
      for (const role of roles) {
        expect(stateMachineRoles).not.toContain(role);
        expect(template.Resources[role]?.Properties?.AssumeRolePolicyDocument).toEqual({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: ['lambda.amazonaws.com'] },
              Action: ['sts:AssumeRole'],
            },
          ],
        });
      }
    });

    it('has an entry in the access table for every function, and none for a function not there', () => {
      expect(functions.map(({ key }) => key).sort()).toEqual(Object.keys(ACCESS).sort());
    });

    it("lets a function reach only its own context's table, the events topic, the saga and the read APIs, never *", () => {
      const broken = functions.flatMap(({ key, context, role }) =>
        reader.grantsOf(role).flatMap((grant) => {
          const why = ruleBroken(grant, key, context);
          return why === undefined ? [] : [`${key} (${context}): ${grant}: ${why}`];
        }),
      );
      expect(broken).toEqual([]);
    });

    it('lets the outbox publishers alone publish, each reading one stream into one topic', () => {
      const holders = functions.filter(({ role }) =>
        reader.grantsOf(role).includes(PUBLISH_EVENTS),
      );
      expect(holders.map(({ key }) => key).sort()).toEqual([
        'publishCatalogEvents',
        'publishOrderEvents',
        'publishPaymentEvents',
        'publishUserEvents',
      ]);
      for (const { role } of holders) {
        const grants = reader.grantsOf(role);
        const streams = new Set(
          grants
            .filter((grant) => grant.includes(' on stream/'))
            .map((grant) => grant.split(' on ')[1]),
        );
        expect(streams.size).toBe(1);
        expect(grants.filter((grant) => grant.startsWith('sns:'))).toEqual([PUBLISH_EVENTS]);
      }
    });

    it('grants each function exactly what the access table says, beside its own logs and X-Ray', () => {
      const actual = Object.fromEntries(
        functions.map(({ key, role }) => [key, reader.grantsOf(role)]),
      );
      const expected = Object.fromEntries(
        functions.map(({ key }) => [
          key,
          [...new Set([...baseline(key), ...(ACCESS[key]?.grants ?? ['(no entry)'])])].sort(),
        ]),
      );
      expect(actual).toEqual(expected);
    });

    it("lets the order saga's state machine invoke the saga's steps and nothing else", () => {
      const machines = reader.resourcesOfType('AWS::StepFunctions::StateMachine');
      expect(machines.map(([id]) => id)).toEqual(['OrderSagaStateMachine']);
      const sagaSteps = Object.keys(ACCESS)
        .filter((key) => ACCESS[key]?.sagaStep)
        .sort();
      for (const [id, machine] of machines) {
        const tasks = taskFunctionsOf(reader, machine.Properties?.DefinitionString);
        expect(tasks).toEqual(sagaSteps);

        const grants = reader.grantsOf(reader.roleOf(id, 'RoleArn'));
        expect(grants.filter((grant) => grant.startsWith('lambda:'))).toEqual(
          tasks
            .flatMap((key) => [
              `lambda:InvokeFunction on function/${key}`,
              `lambda:InvokeFunction on function/${key}:*`,
            ])
            .sort(),
        );
        const others = grants.filter((grant) => !grant.startsWith('lambda:'));
        expect(
          others.filter((grant) => {
            const [action = '', resource] = grant.split(' on ');
            return !STATE_MACHINE_SERVICE_ACTIONS.includes(action) || resource !== '*';
          }),
        ).toEqual([]);
      }
    });

    it('leaves no other role, such as the unused shared one, any access beyond logs and X-Ray', () => {
      const claimed = new Set([
        ...functions.map(({ role }) => role),
        ...reader
          .resourcesOfType('AWS::StepFunctions::StateMachine')
          .map(([id]) => reader.roleOf(id, 'RoleArn')),
      ]);
      const others = reader
        .resourcesOfType('AWS::IAM::Role')
        .map(([id]) => id)
        .filter((id) => !claimed.has(id));
      const grants = others.flatMap((id) => reader.grantsOf(id).map((grant) => `${id}: ${grant}`));
      expect(grants.filter((grant) => !/^\w+: (logs|xray):/.test(grant))).toEqual([]);
    });

    it(`names every role in ${MAX_ROLE_NAME} characters or fewer, in any region, and no two alike`, () => {
      const names = reader
        .resourcesOfType('AWS::IAM::Role')
        .filter(([, role]) => role.Properties?.RoleName !== undefined)
        .map(([id, role]) => ({ id, name: roleNameInLongestRegion(role.Properties?.RoleName) }));
      expect(names.length).toBeGreaterThanOrEqual(functions.length);
      expect(
        names.filter(({ name }) => name.length > MAX_ROLE_NAME || name.startsWith('unresolvable')),
      ).toEqual([]);
      expect(new Set(names.map(({ name }) => name)).size).toBe(names.length);
    });
  });
}
