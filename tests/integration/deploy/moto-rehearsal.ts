import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  ValidateTemplateCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { CloudFormationTemplate } from '../../support/packaged-template';
import { impliedDependencies } from './template-references';

/**
 * A deploy rehearsed against `moto_server` (moto, an AWS API emulator that runs here), the way
 * `sls deploy` does it: CreateStack with the create-stack template (the deployment bucket), the
 * functions' zips uploaded to that bucket, then ValidateTemplate and UpdateStack with the full
 * template. Where moto falls short, the template is adapted for it alone, and each adaptation is
 * listed in `adaptForMoto` with its reason.
 *
 * What moto 5.2's CloudFormation does not create (it logs "No Moto CloudFormation support" and goes
 * on, the stack still UPDATE_COMPLETE), so this rehearsal cannot vouch for them: the HTTP API
 * (AWS::ApiGatewayV2::*), the SNS subscriptions, the alarm (AWS::CloudWatch::Alarm), the bucket and
 * queue policies, and Cognito and CloudFront (removed, below). The tables, topic, queues, functions (from the
 * uploaded zips), roles, log groups, permissions, versions and the state machine are created.
 */

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'rehearsal', secretAccessKey: 'rehearsal' };

export interface Moto {
  endpoint: string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

export const MOTO_MISSING =
  'moto_server is not installed: it is a Python tool, `pip install "moto[server]"` (5.x) puts it ' +
  'on the PATH. .ci/run checks it.';

/** Starts moto_server on a free port and waits until it answers. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  let gone: Error | undefined;
  const exited = new Promise<Error>((done) => {
    const end = (error: Error) => {
      gone = error;
      done(error);
    };
    child.once('error', (error: NodeJS.ErrnoException) =>
      end(error.code === 'ENOENT' ? new Error(MOTO_MISSING) : error),
    );
    child.once('exit', (code) => end(new Error(`moto_server exited with ${code}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  // Polls until moto answers, or stops polling once it is gone.
  const ready = (async () => {
    while (gone === undefined) {
      try {
        if ((await fetch(`${endpoint}/moto-api/`)).ok) return;
      } catch {
        await new Promise((done) => setTimeout(done, 100));
      }
    }
  })();
  const outcome = await Promise.race([ready.then(() => undefined), exited]);
  const stop = async () => {
    // Never started (not installed), or already gone.
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exit = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exit;
  };
  if (outcome) {
    await stop();
    throw outcome;
  }
  return { endpoint, stop };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The template as moto can take it, and why each change is needed (none changes what the rest of
 * the stack is or how it is wired):
 * - moto's CloudFormation has no AWS::Cognito::* and no AWS::CloudFront::* resources (the
 *   console's distribution): they are removed, and references to them become fixed strings (the
 *   user pool id, client id and ARN, the distribution's id and domain a deploy would give).
 * - moto's Fn::Sub substitutes a variable of its own map only when the name starts with a letter
 *   (Python's string.Template); serverless-step-functions names them by an md5 hex, which may
 *   start with a digit: they are renamed with a `v` prefix, in the string and the map together.
 * - moto's ValidateTemplate runs cfn-lint without our .cfnlintrc.yaml and refuses any warning:
 *   the plugins' DependsOn entries that a Ref or GetAtt already implies (W3005, see
 *   .cfnlintrc.yaml) are dropped; the reference still orders the two resources.
 */
export function adaptForMoto(template: CloudFormationTemplate): CloudFormationTemplate {
  const copy = structuredClone(template);
  const removed = Object.keys(copy.Resources).filter((id) =>
    /^AWS::(Cognito|CloudFront)::/.test(copy.Resources[id]?.Type ?? ''),
  );
  for (const id of removed) delete copy.Resources[id];
  const standIn = (id: string) => `rehearsal${id}`;
  const attributeStandIn = (id: string) =>
    template.Resources[id]?.Type.startsWith('AWS::CloudFront::')
      ? `${standIn(id).toLowerCase()}.cloudfront.net`
      : `arn:aws:cognito-idp:${REGION}:123456789012:userpool/${standIn(id)}`;

  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!isRecord(value)) return value;
    if (typeof value.Ref === 'string' && removed.includes(value.Ref)) return standIn(value.Ref);
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && removed.includes(String(getAtt[0]))) {
      return attributeStandIn(String(getAtt[0]));
    }
    const sub = value['Fn::Sub'];
    if (sub !== undefined) {
      const [text, variables] = (Array.isArray(sub) ? sub : [sub, undefined]) as unknown[];
      let rewritten = String(text);
      for (const id of removed) {
        rewritten = rewritten
          .replaceAll(`\${${id}}`, standIn(id))
          .replace(new RegExp(`\\$\\{${id}\\.\\w+\\}`, 'g'), attributeStandIn(id));
      }
      // A Sub left with no variable is a plain string (cfn-lint's W1020 otherwise).
      if (!isRecord(variables))
        return rewritten.includes('${') ? { 'Fn::Sub': rewritten } : rewritten;
      const renamed: Record<string, unknown> = {};
      for (const [name, inner] of Object.entries(variables)) {
        rewritten = rewritten.replaceAll(`\${${name}}`, `\${v${name}}`);
        renamed[`v${name}`] = rewrite(inner);
      }
      return { 'Fn::Sub': [rewritten, renamed] };
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewrite(inner)]));
  };
  copy.Resources = rewrite(copy.Resources) as CloudFormationTemplate['Resources'];
  if (copy.Outputs !== undefined) copy.Outputs = rewrite(copy.Outputs) as typeof copy.Outputs;

  for (const resource of Object.values(copy.Resources)) {
    if (resource.DependsOn === undefined) continue;
    const implied = impliedDependencies(resource);
    resource.DependsOn = [resource.DependsOn]
      .flat()
      .filter((id) => !implied.includes(id) && !removed.includes(id));
  }
  return copy;
}

export interface Rehearsal {
  stack: Stack;
  failures: string[];
  /** The SDK configuration that reaches moto. */
  clientConfig: {
    endpoint: string;
    region: string;
    credentials: typeof CREDENTIALS;
  };
}

async function settled(cloudFormation: CloudFormationClient, stackName: string): Promise<Stack> {
  for (;;) {
    const { Stacks } = await cloudFormation.send(
      new DescribeStacksCommand({ StackName: stackName }),
    );
    const stack = Stacks?.[0];
    if (!stack) throw new Error(`no stack ${stackName}`);
    if (!stack.StackStatus?.endsWith('_IN_PROGRESS')) return stack;
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** `sls deploy`'s steps against moto; the stack as it settled, and every failed resource. */
export async function rehearseDeploy(
  endpoint: string,
  packageDir: string,
  template: CloudFormationTemplate,
  stackName: string,
): Promise<Rehearsal> {
  const clientConfig = { endpoint, region: REGION, credentials: CREDENTIALS };
  const cloudFormation = new CloudFormationClient(clientConfig);
  const s3 = new S3Client({ ...clientConfig, forcePathStyle: true });
  const capabilities = ['CAPABILITY_IAM' as const, 'CAPABILITY_NAMED_IAM' as const];

  const createTemplate = await readFile(
    join(packageDir, 'cloudformation-template-create-stack.json'),
    'utf8',
  );
  await cloudFormation.send(new ValidateTemplateCommand({ TemplateBody: createTemplate }));
  await cloudFormation.send(
    new CreateStackCommand({
      StackName: stackName,
      TemplateBody: createTemplate,
      Capabilities: capabilities,
    }),
  );
  const created = await settled(cloudFormation, stackName);
  if (created.StackStatus !== 'CREATE_COMPLETE') {
    throw new Error(`CreateStack ended ${created.StackStatus}: ${created.StackStatusReason}`);
  }
  const bucket = created.Outputs?.find(
    (output) => output.OutputKey === 'ServerlessDeploymentBucketName',
  )?.OutputValue;
  if (!bucket) throw new Error('the create-stack template has no ServerlessDeploymentBucketName');

  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const key = String((resource.Properties?.Code as { S3Key?: unknown }).S3Key);
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: await readFile(join(packageDir, basename(key))),
      }),
    );
  }

  const body = JSON.stringify(adaptForMoto(template));
  await cloudFormation.send(new ValidateTemplateCommand({ TemplateBody: body }));
  await cloudFormation.send(
    new UpdateStackCommand({
      StackName: stackName,
      TemplateBody: body,
      Capabilities: capabilities,
    }),
  );
  const stack = await settled(cloudFormation, stackName);
  const { StackEvents = [] } = await cloudFormation.send(
    new DescribeStackEventsCommand({ StackName: stackName }),
  );
  const failures = StackEvents.filter((event) => event.ResourceStatus?.endsWith('_FAILED')).map(
    (event) => `${event.LogicalResourceId}: ${event.ResourceStatusReason}`,
  );
  cloudFormation.destroy();
  s3.destroy();
  return { stack, failures, clientConfig };
}
