import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  LambdaClient,
  paginateListFunctions,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import validateAsl from 'asl-validator';
import { validateTemplate } from '../../support/cloudformation-spec';
import {
  packageStage,
  sharedPackage,
  type CloudFormationTemplate,
  type PackagedStage,
} from '../../support/packaged-template';
import { CFN_LINT_MISSING, cfnLintVersion, lintTemplate } from './cfn-lint';
import { coldStart, resolvedEnvironment, RUNTIME_VARIABLES } from './function-environment';
import { describeLeastPrivilege } from './least-privilege';
import { rehearseDeploy, startMoto, type Rehearsal } from './moto-rehearsal';
import {
  dependencyCycles,
  describeCycle,
  impliedDependencies,
  referenceGraph,
} from './template-references';

const TABLES = ['users', 'catalog', 'inventory', 'payments', 'delivery', 'orders', 'notifications'];

function resourcesOfType(template: CloudFormationTemplate, type: string) {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

// Packaging is slow: the dev stage's package is made once per run and shared with the bench's
// smoke test; the localstack and local stages, whose templates alone are read, take its zips.
const packages = new Map<string, Promise<PackagedStage>>();
const packaged = (stage: string): Promise<PackagedStage> => {
  const existing = packages.get(stage);
  if (existing) return existing;
  const started =
    stage === 'dev'
      ? sharedPackage('dev')
      : packaged('dev').then((dev) => packageStage(stage, { bundlesOf: dev }));
  packages.set(stage, started);
  return started;
};
afterAll(async () => {
  for (const stage of packages.values()) await (await stage).remove();
});

/** The saga's Task functions (logical ids), from the packaged definition's substitutions. */
function sagaTaskFunctions(template: CloudFormationTemplate): string[] {
  const definition = template.Resources.OrderSagaStateMachine?.Properties?.DefinitionString as {
    'Fn::Sub': [string, Record<string, { 'Fn::GetAtt': [string, string] }>];
  };
  return Object.values(definition['Fn::Sub'][1]).map((getAtt) => getAtt['Fn::GetAtt'][0]);
}

// dev stands for any AWS stage, localstack is what `npm run deploy:localstack` deploys, and local
// is the embedded stack's stage (fixed ARNs instead of references).
describe.each(['dev', 'localstack', 'local'])(
  'sls package --stage %s (offline, no AWS credentials)',
  (stage) => {
    let template: CloudFormationTemplate;
    let templateFile: string;

    beforeAll(async () => {
      ({ template, templateFile } = await packaged(stage));
    }, 180_000);

    // Every function's IAM role, the state machine's and the role names (least-privilege.ts).
    describeLeastPrivilege(stage, () => template);

    it('writes a template that passes the CloudFormation resource specification with 0 errors', () => {
      expect(validateTemplate(template)).toEqual([]);
    });

    it('holds the seven tables, on-demand with point-in-time recovery', () => {
      const tables = resourcesOfType(template, 'AWS::DynamoDB::Table').map(
        ([, table]) => table.Properties ?? {},
      );
      expect(tables.map((table) => table.TableName).sort()).toEqual(
        TABLES.map((name) => `shop-${stage}-${name}`).sort(),
      );
      for (const table of tables) {
        expect(table.BillingMode).toBe('PAY_PER_REQUEST');
        expect(table.PointInTimeRecoverySpecification).toEqual({
          PointInTimeRecoveryEnabled: true,
        });
      }
    });

    it('holds the events topic, with a dead-letter queue on every subscription, and the alarm topic', () => {
      expect(
        resourcesOfType(template, 'AWS::SNS::Topic')
          .map(([, topic]) => topic.Properties?.TopicName)
          .sort(),
      ).toEqual([`shop-${stage}-alarms`, `shop-${stage}-events`]);
      const subscriptions = resourcesOfType(template, 'AWS::SNS::Subscription');
      const functionSubscriptions = subscriptions.filter(
        ([, subscription]) => subscription.Properties?.Protocol === 'lambda',
      );
      expect(functionSubscriptions.length).toBeGreaterThan(0);
      for (const [, subscription] of functionSubscriptions) {
        expect(subscription.Properties?.TopicArn).toEqual({ Ref: 'EventsTopic' });
        expect(subscription.Properties?.FilterPolicy).toBeDefined();
        expect(subscription.Properties?.RedrivePolicy).toBeDefined();
      }
      // The rest: resources/observability.yml's e-mail subscription, when alarmEmail is set.
      expect(
        subscriptions
          .filter(([, subscription]) => subscription.Properties?.Protocol !== 'lambda')
          .map(([id, subscription]) => [id, subscription.Properties?.TopicArn]),
      ).toEqual([['AlarmEmailSubscription', { Ref: 'AlarmTopic' }]]);
    });

    // The outbox (functions/lib/outbox.ts): each table that announces events has a stream, read by
    // its publisher with retries, bisect and an on-failure queue, so a poison record is parked.
    it('streams the users, catalog, orders and payments tables to their publishers, each with retries, bisect and a failure queue', () => {
      const streamed = resourcesOfType(template, 'AWS::DynamoDB::Table')
        .filter(([, table]) => table.Properties?.StreamSpecification !== undefined)
        .map(([id, table]) => {
          expect(table.Properties?.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
          expect(table.Properties?.TimeToLiveSpecification).toEqual({
            AttributeName: 'expiresAt',
            Enabled: true,
          });
          return id;
        });
      expect(streamed.sort()).toEqual([
        'CatalogTable',
        'OrdersTable',
        'PaymentsTable',
        'UsersTable',
      ]);

      const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').map(
        ([, mapping]) => mapping.Properties ?? {},
      );
      expect(
        mappings.map((mapping) => [
          (mapping.EventSourceArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'],
          (mapping.FunctionName as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0],
          (
            mapping.DestinationConfig as {
              OnFailure: { Destination: { 'Fn::GetAtt': string[] } };
            }
          ).OnFailure.Destination['Fn::GetAtt'],
        ]),
      ).toEqual(
        expect.arrayContaining([
          [
            ['UsersTable', 'StreamArn'],
            'PublishUserEventsLambdaFunction',
            ['UserEventsFailureQueue', 'Arn'],
          ],
          [
            ['CatalogTable', 'StreamArn'],
            'PublishCatalogEventsLambdaFunction',
            ['CatalogEventsFailureQueue', 'Arn'],
          ],
          [
            ['OrdersTable', 'StreamArn'],
            'PublishOrderEventsLambdaFunction',
            ['OrderEventsFailureQueue', 'Arn'],
          ],
          [
            ['PaymentsTable', 'StreamArn'],
            'PublishPaymentEventsLambdaFunction',
            ['PaymentEventsFailureQueue', 'Arn'],
          ],
        ]),
      );
      expect(mappings).toHaveLength(4);
      for (const mapping of mappings) {
        expect(mapping).toMatchObject({
          StartingPosition: 'TRIM_HORIZON',
          BisectBatchOnFunctionError: true,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        });
        expect(mapping.BatchSize).toBeGreaterThan(1);
        expect(mapping.MaximumRetryAttempts).toBeGreaterThan(0);
        expect(mapping.MaximumRecordAgeInSeconds).toBeGreaterThan(0);
      }
      for (const queue of [
        'UserEventsFailureQueue',
        'CatalogEventsFailureQueue',
        'OrderEventsFailureQueue',
      ]) {
        expect(template.Resources[queue]?.Type).toBe('AWS::SQS::Queue');
      }
    });

    it('runs every function on nodejs22.x or newer', () => {
      const functions = resourcesOfType(template, 'AWS::Lambda::Function');
      expect(functions.length).toBeGreaterThan(0);
      for (const [, fn] of functions)
        expect(fn.Properties?.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
    });

    // API.md Operations: no order stays PENDING for ever. The sweeper runs from an EventBridge
    // schedule rule, every minute, with the default deadline on a deployed stage.
    it('runs the stuck-order sweeper every minute from an EventBridge schedule rule', () => {
      const rules = resourcesOfType(template, 'AWS::Events::Rule').filter(
        ([, rule]) => rule.Properties?.ScheduleExpression !== undefined,
      );
      expect(rules).toHaveLength(1);
      const [, rule] = rules[0] ?? [];
      expect(rule?.Properties?.ScheduleExpression).toBe('rate(1 minute)');
      expect(rule?.Properties?.State).toBe('ENABLED');
      const targets = rule?.Properties?.Targets as { Arn: unknown }[];
      expect(targets.map((target) => target.Arn)).toEqual([
        { 'Fn::GetAtt': ['SweepStuckOrdersLambdaFunction', 'Arn'] },
      ]);
      const sweeper = template.Resources.SweepStuckOrdersLambdaFunction;
      if (!sweeper) throw new Error('no SweepStuckOrdersLambdaFunction');
      expect(resolvedEnvironment(sweeper).STUCK_ORDER_AFTER_SECONDS).toBe('120');
      const permissions = resourcesOfType(template, 'AWS::Lambda::Permission').filter(
        ([, permission]) => permission.Properties?.Principal === 'events.amazonaws.com',
      );
      // EventBridge may invoke the sweeper (this schedule) and markCompensationFailed (the saga's
      // failed-execution rule), nothing else.
      const invokable = permissions.map(([, permission]) => permission.Properties?.FunctionName);
      expect(invokable).toHaveLength(2);
      expect(invokable).toEqual(
        expect.arrayContaining([
          { 'Fn::GetAtt': ['SweepStuckOrdersLambdaFunction', 'Arn'] },
          { 'Fn::GetAtt': ['MarkCompensationFailedLambdaFunction', 'Arn'] },
        ]),
      );
    });

    // API.md: fault injection only on the local stage; a deployed stage never has it. It is read
    // by placeOrder (the header) and the saga's steps only.
    it(`sets fault injection ${stage === 'local' ? 'on' : 'off'} in placeOrder and every saga step`, () => {
      const readers = [...sagaTaskFunctions(template), 'PlaceOrderLambdaFunction'].sort();
      const carriers = resourcesOfType(template, 'AWS::Lambda::Function').filter(
        ([, fn]) => resolvedEnvironment(fn).SHOP_FAULT_INJECTION !== undefined,
      );
      expect(carriers.map(([id]) => id).sort()).toEqual(readers);
      for (const [, fn] of carriers) {
        expect(resolvedEnvironment(fn).SHOP_FAULT_INJECTION).toBe(
          stage === 'local' ? 'enabled' : 'disabled',
        );
      }
    });

    // CloudFormation refuses a template whose resources depend on each other in a loop, before
    // creating anything (as the saga's steps once did through the state machine's ARN).
    it('has no circular dependency between its resources (Ref, GetAtt, Sub, DependsOn)', () => {
      const graph = referenceGraph(template);
      const cycles = dependencyCycles(graph).map((resources) => ({
        loop: describeCycle(graph, resources),
        resources,
      }));
      expect(cycles).toEqual([]);
    });

    // .cfnlintrc.yaml ignores W3005 for the DependsOn the framework and plugins write: this keeps
    // the ignore from hiding one of ours.
    it('states no DependsOn a reference already implies, beyond those the plugins write', () => {
      const redundant = Object.entries(template.Resources).flatMap(([id, resource]) => {
        const implied = impliedDependencies(resource);
        return [resource.DependsOn ?? []]
          .flat()
          .filter((target) => implied.includes(target))
          .map((target) => `${id} -> ${target}`);
      });
      const generated = (edge: string) =>
        /^(\w+)LambdaFunction -> \1IamRoleLambdaExecution$/.test(edge) ||
        /^HttpApiRoute\w+ -> HttpApiIntegration\w+$/.test(edge) ||
        edge === 'OrderSagaStateMachine -> OrderSagaStateMachineRole';
      expect(redundant.filter((edge) => !generated(edge))).toEqual([]);
      expect(redundant.length).toBeGreaterThan(0);
    });

    it('passes cfn-lint with no finding beyond the rules .cfnlintrc.yaml ignores', async () => {
      if ((await cfnLintVersion()) === undefined) throw new Error(CFN_LINT_MISSING);
      expect(await lintTemplate(templateFile)).toEqual([]);
    }, 120_000);

    it('holds the order saga, whose Task resources are the ARNs of the deployed functions', () => {
      const machines = resourcesOfType(template, 'AWS::StepFunctions::StateMachine');
      expect(machines.map(([id]) => id)).toEqual(['OrderSagaStateMachine']);
      const [text, substitutions] = (
        machines[0]?.[1].Properties?.DefinitionString as {
          'Fn::Sub': [string, Record<string, unknown>];
        }
      )['Fn::Sub'];
      const definition = JSON.parse(text) as {
        States: Record<string, { Type: string; Resource?: string }>;
      };

      const tasks = Object.entries(definition.States).filter(([, state]) => state.Type === 'Task');
      // Five forward steps and four undo steps (MarkCompensationFailed is EventBridge's target).
      expect(tasks).toHaveLength(9);
      for (const [stateName, task] of tasks) {
        const variable = /^\$\{(\w+)\}$/.exec(task.Resource ?? '')?.[1] ?? '';
        // e.g. ReservePayment -> Fn::GetAtt [ReservePaymentLambdaFunction, Arn]
        expect(substitutions[variable]).toEqual({
          'Fn::GetAtt': [`${stateName}LambdaFunction`, 'Arn'],
        });
        expect(template.Resources[`${stateName}LambdaFunction`]?.Type).toBe(
          'AWS::Lambda::Function',
        );
        task.Resource = `arn:aws:lambda:us-east-1:123456789012:function:shop-${stage}-${stateName}`;
      }
      expect(validateAsl(definition).isValid).toBe(true);
    });
  },
);

// Bundles of an AWS stage carry their dependencies, so each loads on its own, as on Lambda.
describe('every function of sls package --stage dev, cold-started with its own environment', () => {
  let stage: PackagedStage;
  let workDir: string;

  beforeAll(async () => {
    stage = await packaged('dev');
    workDir = await mkdtemp(join(tmpdir(), 'shop-cold-start-'));
  }, 180_000);
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  it('starts with no ConfigurationError, and reads every variable it is given', async () => {
    const functions = resourcesOfType(stage.template, 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(30);
    const outcomes: Record<string, { error?: string; unread: string[] }> = {};
    for (const [id, fn] of functions) {
      const key = String((fn.Properties?.Code as { S3Key?: unknown }).S3Key);
      const started = await coldStart(join(stage.dir, basename(key)), fn, join(workDir, id));
      outcomes[id] = {
        ...(started.error && { error: `${started.error.name}: ${started.error.message}` }),
        unread: Object.keys(resolvedEnvironment(fn)).filter(
          (variable) => !RUNTIME_VARIABLES.includes(variable) && !started.read.includes(variable),
        ),
      };
    }
    const clean = Object.fromEntries(functions.map(([id]) => [id, { unread: [] }]));
    expect(outcomes).toEqual(clean);
  }, 180_000);
});

// What moto's CloudFormation lacks is listed in moto-rehearsal.ts: it creates the tables, topic,
// queues, functions, roles, log groups and the state machine, read back below; the Cognito
// resources are taken out, and the HTTP API, subscriptions, alarm and resource policies skipped.
describe('sls deploy --stage dev rehearsed on moto_server', () => {
  const SAGA_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:shop-dev-order-saga';
  let rehearsal: Rehearsal;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const { template, dir } = await packaged('dev');
    const moto = await startMoto();
    stop = moto.stop;
    rehearsal = await rehearseDeploy(moto.endpoint, dir, template, 'shop-dev');
  }, 240_000);
  afterAll(() => stop?.());

  it('creates the stack and updates it with the full template, with no resource failed', () => {
    expect(rehearsal.failures).toEqual([]);
    expect(rehearsal.stack.StackStatus).toBe('UPDATE_COMPLETE');
  });

  it('creates the seven tables', async () => {
    const dynamodb = new DynamoDBClient(rehearsal.clientConfig);
    const { TableNames = [] } = await dynamodb.send(new ListTablesCommand({}));
    expect([...TableNames].sort()).toEqual(TABLES.map((name) => `shop-dev-${name}`).sort());
    const { Table } = await dynamodb.send(
      new DescribeTableCommand({ TableName: 'shop-dev-orders' }),
    );
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    dynamodb.destroy();
  });

  // moto's CloudFormation skips AWS::SNS::Subscription (see moto-rehearsal.ts): the
  // subscriptions themselves are checked on the template above, their queues here.
  it('creates the events and alarm topics, a dead-letter queue for every subscription and the outbox failure queues', async () => {
    const sns = new SNSClient(rehearsal.clientConfig);
    const { Topics = [] } = await sns.send(new ListTopicsCommand({}));
    sns.destroy();
    expect(Topics.map((topic) => topic.TopicArn).sort()).toEqual([
      'arn:aws:sns:us-east-1:123456789012:shop-dev-alarms',
      'arn:aws:sns:us-east-1:123456789012:shop-dev-events',
    ]);

    const sqs = new SQSClient(rehearsal.clientConfig);
    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
    sqs.destroy();
    const { template } = await packaged('dev');
    const functionSubscriptions = resourcesOfType(template, 'AWS::SNS::Subscription').filter(
      ([, subscription]) => subscription.Properties?.Protocol === 'lambda',
    );
    const deadLetterQueues = QueueUrls.filter((url) => /\/shop-dev-[\w-]+-dlq$/.test(url));
    const failureQueues = QueueUrls.filter((url) => /\/shop-dev-\w+-events-failed$/.test(url));
    expect(deadLetterQueues).toHaveLength(functionSubscriptions.length);
    expect(failureQueues).toHaveLength(
      resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').length,
    );
    expect(QueueUrls).toHaveLength(deadLetterQueues.length + failureQueues.length);
  });

  it("creates every function, placeOrder's ORDER_SAGA_STATE_MACHINE_ARN the machine's own", async () => {
    const lambda = new LambdaClient(rehearsal.clientConfig);
    const functions: FunctionConfiguration[] = [];
    for await (const page of paginateListFunctions({ client: lambda }, {}))
      functions.push(...(page.Functions ?? []));
    lambda.destroy();
    const { template } = await packaged('dev');
    expect(functions.map((fn) => fn.FunctionName).sort()).toEqual(
      resourcesOfType(template, 'AWS::Lambda::Function')
        .map(([, fn]) => fn.Properties?.FunctionName)
        .sort(),
    );
    const placeOrder = functions.find((fn) => fn.FunctionName === 'shop-dev-placeOrder');
    expect(placeOrder?.Environment?.Variables?.ORDER_SAGA_STATE_MACHINE_ARN).toBe(SAGA_ARN);
  });

  it('creates the order saga, its Tasks calling the deployed functions', async () => {
    const sfn = new SFNClient(rehearsal.clientConfig);
    const { definition = '{}' } = await sfn.send(
      new DescribeStateMachineCommand({
        stateMachineArn: SAGA_ARN,
      }),
    );
    sfn.destroy();
    const states = Object.values(
      (JSON.parse(definition) as { States: Record<string, { Type: string; Resource?: string }> })
        .States,
    ).filter((state) => state.Type === 'Task');
    expect(states).toHaveLength(9);
    for (const state of states) {
      expect(state.Resource).toMatch(
        /^arn:aws:lambda:us-east-1:123456789012:function:shop-dev-\w+$/,
      );
    }
  });
});
