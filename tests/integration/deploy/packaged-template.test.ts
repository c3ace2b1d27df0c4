import validateAsl from 'asl-validator';
import { validateTemplate } from '../../support/cloudformation-spec';
import { packageStage, type CloudFormationTemplate } from '../../support/packaged-template';
import { describeLeastPrivilege } from './least-privilege';

const TABLES = ['users', 'catalog', 'inventory', 'payments', 'delivery', 'orders', 'notifications'];

function resourcesOfType(template: CloudFormationTemplate, type: string) {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

// dev stands for any AWS stage, localstack is what `npm run deploy:localstack` deploys, and local
// is the embedded stack's stage (fixed ARNs instead of references).
describe.each(['dev', 'localstack', 'local'])(
  'sls package --stage %s (offline, no AWS credentials)',
  (stage) => {
    let template: CloudFormationTemplate;

    beforeAll(async () => {
      ({ template } = await packageStage(stage));
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

    it('holds the events topic, and a dead-letter queue on every subscription', () => {
      expect(
        resourcesOfType(template, 'AWS::SNS::Topic').map(
          ([, topic]) => topic.Properties?.TopicName,
        ),
      ).toEqual([`shop-${stage}-events`]);
      const subscriptions = resourcesOfType(template, 'AWS::SNS::Subscription');
      expect(subscriptions.length).toBeGreaterThan(0);
      for (const [, subscription] of subscriptions) {
        expect(subscription.Properties?.TopicArn).toEqual({ Ref: 'EventsTopic' });
        expect(subscription.Properties?.FilterPolicy).toBeDefined();
        expect(subscription.Properties?.RedrivePolicy).toBeDefined();
      }
    });

    // The outbox (functions/lib/outbox.ts): each table that announces events has a stream, read by
    // its publisher with retries, bisect and an on-failure queue, so a poison record is parked.
    it('streams the users, catalog and orders tables to their publishers, each with retries, bisect and a failure queue', () => {
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
      expect(streamed.sort()).toEqual(['CatalogTable', 'OrdersTable', 'UsersTable']);

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
        ]),
      );
      expect(mappings).toHaveLength(3);
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

    // API.md: fault injection only on the local stage; a deployed stage never has it.
    it(`sets fault injection ${stage === 'local' ? 'on' : 'off'} in every function`, () => {
      const functions = resourcesOfType(template, 'AWS::Lambda::Function');
      for (const [, fn] of functions) {
        const { Variables } = fn.Properties?.Environment as { Variables?: Record<string, unknown> };
        expect(Variables?.SHOP_FAULT_INJECTION).toBe(stage === 'local' ? 'enabled' : 'disabled');
      }
    });

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
      expect(tasks).toHaveLength(10);
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
