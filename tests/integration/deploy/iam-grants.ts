import type { CloudFormationTemplate } from '../../support/packaged-template';

/**
 * Reads the IAM roles of a packaged template as flat grants, `<action> on <resource>`, with each
 * resource named by what it is in this stack rather than by its intrinsic function:
 *
 *   table/<context>, table/<context>/index/*   a DynamoDB table of resources/tables.yml
 *   table/<context>/index/<name>               one index of it
 *   stream/<context>                           that table's stream
 *   queue/<name>                               an SQS queue, e.g. queue/order-events-failed
 *   topic/<name>                               an SNS topic, e.g. topic/events
 *   stateMachine/<name>, executions/<name>     a state machine (by Ref or its ARN built with
 *                                              Fn::Sub), or every execution of it
 *   function/<key>, function/<key>:*           a function of serverless.yml (or its versions)
 *   userPool/<logical id>                      a Cognito user pool
 *   log-group/<name>                           a Lambda log group, named without the prefix
 *   *                                          anything
 *
 * Names drop the stage's `shop-<stage>-` prefix, so one table of expectations holds for every
 * stage. Whatever is not recognised stays visible as `unrecognised <json>`, and fails any
 * comparison with an expected grant.
 */

type Resource = CloudFormationTemplate['Resources'][string];

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

interface InlinePolicy {
  PolicyDocument?: { Statement?: Statement | Statement[] };
}

const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The logical id of a `Fn::GetAtt: [id, Arn]`, or undefined. */
export const getAttArnOf = (value: unknown): string | undefined => {
  if (!isRecord(value)) return undefined;
  const getAtt = value['Fn::GetAtt'];
  return Array.isArray(getAtt) &&
    getAtt.length === 2 &&
    typeof getAtt[0] === 'string' &&
    getAtt[1] === 'Arn'
    ? getAtt[0]
    : undefined;
};

/** The logical id of a `Fn::GetAtt: [id, StreamArn]` (a table's stream), or undefined. */
const streamArnOf = (value: unknown): string | undefined => {
  if (!isRecord(value)) return undefined;
  const getAtt = value['Fn::GetAtt'];
  return Array.isArray(getAtt) &&
    getAtt.length === 2 &&
    typeof getAtt[0] === 'string' &&
    getAtt[1] === 'StreamArn'
    ? getAtt[0]
    : undefined;
};

const refOf = (value: unknown): string | undefined =>
  isRecord(value) && typeof value.Ref === 'string' ? value.Ref : undefined;

const SUB_PREFIX = 'arn:${AWS::Partition}:';
const SUB_REGION_ACCOUNT = ':${AWS::Region}:${AWS::AccountId}:';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LOG_GROUP = new RegExp(
  `^${escape(`${SUB_PREFIX}logs${SUB_REGION_ACCOUNT}log-group:/aws/lambda/`)}(.+?)(:\\*(?::\\*)?)$`,
);
const STATE_MACHINE = new RegExp(
  `^${escape(`${SUB_PREFIX}states${SUB_REGION_ACCOUNT}stateMachine:`)}([^:]+)$`,
);
const EXECUTIONS = new RegExp(
  `^${escape(`${SUB_PREFIX}states${SUB_REGION_ACCOUNT}execution:`)}([^:]+):\\*$`,
);

export class IamReader {
  private readonly prefix: string;

  constructor(
    private readonly template: CloudFormationTemplate,
    stage: string,
  ) {
    this.prefix = `shop-${stage}-`;
  }

  resourcesOfType(type: string): [string, Resource][] {
    return Object.entries(this.template.Resources).filter(([, resource]) => resource.Type === type);
  }

  private property(logicalId: string, name: string): unknown {
    return this.template.Resources[logicalId]?.Properties?.[name];
  }

  private unprefixed(name: unknown): string {
    return typeof name === 'string' && name.startsWith(this.prefix)
      ? name.slice(this.prefix.length)
      : `unprefixed ${JSON.stringify(name)}`;
  }

  /** The function's key in serverless.yml (its name without the prefix). */
  functionKey(logicalId: string): string {
    return this.unprefixed(this.property(logicalId, 'FunctionName'));
  }

  private stateMachineNamed(name: string): boolean {
    return this.resourcesOfType('AWS::StepFunctions::StateMachine').some(
      ([, machine]) => machine.Properties?.StateMachineName === name,
    );
  }

  /** What a policy's Resource entry names (see the file's comment). */
  describeResource(resource: unknown): string {
    if (resource === '*') return '*';
    const unrecognised = `unrecognised ${JSON.stringify(resource)}`;

    const streamOf = streamArnOf(resource);
    if (streamOf !== undefined) {
      return this.template.Resources[streamOf]?.Type === 'AWS::DynamoDB::Table'
        ? `stream/${this.unprefixed(this.property(streamOf, 'TableName'))}`
        : unrecognised;
    }

    const arnOf = getAttArnOf(resource);
    if (arnOf !== undefined) {
      switch (this.template.Resources[arnOf]?.Type) {
        case 'AWS::DynamoDB::Table':
          return `table/${this.unprefixed(this.property(arnOf, 'TableName'))}`;
        case 'AWS::Lambda::Function':
          return `function/${this.functionKey(arnOf)}`;
        case 'AWS::Cognito::UserPool':
          return `userPool/${arnOf}`;
        case 'AWS::SQS::Queue':
          return `queue/${this.unprefixed(this.property(arnOf, 'QueueName'))}`;
        default:
          return unrecognised;
      }
    }

    const ref = refOf(resource);
    if (ref !== undefined) {
      switch (this.template.Resources[ref]?.Type) {
        case 'AWS::SNS::Topic':
          return `topic/${this.unprefixed(this.property(ref, 'TopicName'))}`;
        case 'AWS::StepFunctions::StateMachine':
          return `stateMachine/${this.unprefixed(this.property(ref, 'StateMachineName'))}`;
        default:
          return unrecognised;
      }
    }

    if (!isRecord(resource)) return unrecognised;

    // A table's indexes, or one: Fn::Join ['/', [<table Arn>, index, '*' or <name>]]
    const join = resource['Fn::Join'];
    if (Array.isArray(join) && join[0] === '/' && Array.isArray(join[1])) {
      const [table, index, name, ...rest] = join[1] as unknown[];
      const tableId = getAttArnOf(table);
      if (
        tableId !== undefined &&
        this.template.Resources[tableId]?.Type === 'AWS::DynamoDB::Table' &&
        index === 'index' &&
        typeof name === 'string' &&
        /^(\*|[A-Za-z0-9_.-]+)$/.test(name) &&
        rest.length === 0
      ) {
        return `table/${this.unprefixed(this.property(tableId, 'TableName'))}/index/${name}`;
      }
      return unrecognised;
    }

    const sub = resource['Fn::Sub'];
    if (typeof sub === 'string') {
      const logGroup = LOG_GROUP.exec(sub);
      // The framework's shared role names the log groups of all the stack's functions at once.
      if (logGroup) {
        const every = `${this.prefix.slice(0, -1)}*`;
        return `log-group/${logGroup[1] === every ? '*' : this.unprefixed(logGroup[1])}`;
      }
      // Built from the machine's name rather than !Ref, so no function depends on the machine.
      const stateMachine = STATE_MACHINE.exec(sub);
      if (stateMachine?.[1] !== undefined && this.stateMachineNamed(stateMachine[1])) {
        return `stateMachine/${this.unprefixed(stateMachine[1])}`;
      }
      const executions = EXECUTIONS.exec(sub);
      if (executions?.[1] !== undefined && this.stateMachineNamed(executions[1])) {
        return `executions/${this.unprefixed(executions[1])}`;
      }
      return unrecognised;
    }
    // A function's versions and aliases: Fn::Sub ['${functionArn}:*', {functionArn: <Arn>}]
    if (Array.isArray(sub) && sub[0] === '${functionArn}:*' && isRecord(sub[1])) {
      const functionId = getAttArnOf(sub[1].functionArn);
      if (
        functionId !== undefined &&
        this.template.Resources[functionId]?.Type === 'AWS::Lambda::Function'
      ) {
        return `function/${this.functionKey(functionId)}:*`;
      }
    }
    return unrecognised;
  }

  /**
   * Every grant of a role: its inline policies, and any policy resource of the template attached
   * to it. Statements that are not a plain Allow of actions on resources are reported as such,
   * so they can never pass for an expected grant.
   */
  grantsOf(roleId: string): string[] {
    const role = this.template.Resources[roleId];
    if (role?.Type !== 'AWS::IAM::Role') return [`no role ${roleId}`];
    const grants: string[] = [];
    const managed = asList(role.Properties?.ManagedPolicyArns);
    if (managed.length > 0) grants.push(`managed policies ${JSON.stringify(managed)}`);

    const attached = Object.values(this.template.Resources).filter(
      (resource) =>
        (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') &&
        asList(resource.Properties?.Roles).some((entry) => refOf(entry) === roleId),
    );
    const documents = [
      ...asList(role.Properties?.Policies).map((policy) => (policy as InlinePolicy).PolicyDocument),
      ...attached.map(
        (policy) => policy.Properties?.PolicyDocument as InlinePolicy['PolicyDocument'],
      ),
    ];
    for (const document of documents) {
      for (const statement of asList(document?.Statement) as Statement[]) {
        if (
          statement.Effect !== 'Allow' ||
          statement.NotAction !== undefined ||
          statement.NotResource !== undefined ||
          statement.Condition !== undefined
        ) {
          grants.push(`not a plain Allow: ${JSON.stringify(statement)}`);
          continue;
        }
        for (const action of asList(statement.Action)) {
          for (const resource of asList(statement.Resource)) {
            grants.push(`${String(action)} on ${this.describeResource(resource)}`);
          }
        }
      }
    }
    return [...new Set(grants)].sort();
  }

  /** The logical id of the role a resource's `Role` / `RoleArn` property names. */
  roleOf(logicalId: string, property: 'Role' | 'RoleArn'): string {
    return getAttArnOf(this.property(logicalId, property)) ?? `no role of ${logicalId}`;
  }

  /** A function's bounded context, from its handler's path: functions/<context>/<file>.handler. */
  contextOf(functionId: string): string {
    const handler = this.property(functionId, 'Handler');
    return (typeof handler === 'string' && /^functions\/([^/]+)\//.exec(handler)?.[1]) || '?';
  }
}
